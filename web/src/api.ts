/**
 * The console's one way to the graph: POST /graphql with the signed-in token and the UI's language
 * (`Accept-Language`, so timelines and error texts come back in it), typed by the documents generated
 * from the supergraph. A GraphQL error keeps its `extensions.code` (and `field` for VALIDATION_FAILED)
 * and the server's `localizedMessage`, so pages can say what went wrong in the user's words.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from './generated/graphql';
import { currentToken } from './auth';
import { locale, useT } from './i18n';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
    /** The server's text in the reader's language (`extensions.localizedMessage`). */
    readonly localizedMessage?: string,
  ) {
    super(message);
  }
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; field?: string; localizedMessage?: string };
}

/** The headers of every call: the bearer token when signed in, and the UI's language. */
export function authHeaders(): Record<string, string> {
  const token = currentToken();
  return { 'accept-language': locale(), ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

export async function request<R, V>(doc: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      body: JSON.stringify({ query: doc.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('network', 'NETWORK');
  }
  const body = (await res.json().catch(() => null)) as { data?: R | null; errors?: GraphQLErrorBody[] } | null;
  const first = body?.errors?.[0];
  if (first)
    throw new ApiError(
      first.message,
      first.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
      first.extensions?.field,
      first.extensions?.localizedMessage,
    );
  if (!body?.data) throw new ApiError(`HTTP ${res.status}`, 'NETWORK');
  return body.data;
}

export interface QueryState<R> {
  data?: R;
  error?: ApiError;
  loading: boolean;
  refetch(): void;
}

/**
 * Runs a query when its variables change and, with `pollMs`, again on that interval (live data until
 * the gateway's subscriptions are there); a poll that fails keeps the last data shown.
 */
export function useQuery<R, V>(
  doc: TypedDocumentString<R, V>,
  variables: V,
  opts: { pollMs?: number; skip?: boolean } = {},
): QueryState<R> {
  const [state, setState] = useState<{ data?: R; error?: ApiError; loading: boolean }>({ loading: !opts.skip });
  // The answer is in the UI's language (timelines, texts): a language switch asks again.
  const { locale: lang } = useT();
  const key = JSON.stringify(variables);
  const seq = useRef(0);
  const run = useCallback(() => {
    if (opts.skip) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    request(doc, JSON.parse(key) as V).then(
      (data) => mine === seq.current && setState({ data, loading: false }),
      (error: ApiError) => mine === seq.current && setState((s) => ({ data: s.data, error, loading: false })),
    );
  }, [doc, key, opts.skip, lang]);
  useEffect(() => {
    run();
    if (!opts.pollMs) return;
    const timer = setInterval(run, opts.pollMs);
    return () => clearInterval(timer);
  }, [run, opts.pollMs]);
  return { ...state, refetch: run };
}

/** A mutation with its pending flag and last error; `run` resolves to the data or undefined on error. */
export function useMutation<R, V>(doc: TypedDocumentString<R, V>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(
    async (variables: V): Promise<R | undefined> => {
      setPending(true);
      setError(undefined);
      try {
        return await request(doc, variables);
      } catch (err) {
        setError(err as ApiError);
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [doc],
  );
  return { run, pending, error };
}

/**
 * Downloads a list as a file (`/exports/<list>.<csv|xlsx>`): a link cannot carry the bearer token, so
 * the file is fetched with it and the blob saved under the name the gateway gives (or `fallback`).
 */
export async function download(path: string, fallback: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { headers: authHeaders() });
  } catch {
    throw new ApiError('network', 'NETWORK');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { errors?: GraphQLErrorBody[] } | null;
    const first = body?.errors?.[0];
    throw new ApiError(
      first?.message ?? `HTTP ${res.status}`,
      first?.extensions?.code ?? 'NETWORK',
      first?.extensions?.field,
      first?.extensions?.localizedMessage,
    );
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = named ? decodeURIComponent(named) : fallback;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
