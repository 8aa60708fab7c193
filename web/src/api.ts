/**
 * The console's one way to the graph: POST /graphql with the signed-in token and the UI's language
 * (`Accept-Language`, so timelines and error texts come back in it), typed by the documents generated
 * from the supergraph. A GraphQL error keeps its `extensions.code` (and `field` for VALIDATION_FAILED)
 * and the server's `localizedMessage`, so pages can say what went wrong in the user's words.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client } from 'graphql-ws';
import type { TypedDocumentString } from './generated/graphql';
import { currentToken, useSession } from './auth';
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

/** A query's answer: its data when any came back, and the first error (with or without data). */
export interface Answer<R> {
  data?: R;
  error?: ApiError;
}

const toApiError = (e: GraphQLErrorBody) =>
  new ApiError(
    e.message,
    e.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
    e.extensions?.field,
    e.extensions?.localizedMessage,
  );

/**
 * One call to the graph. A GraphQL answer may carry data and errors together (a field refused or
 * failed, its siblings answered): both are returned, so a page shows what came back and says what did not.
 */
export async function execute<R, V>(doc: TypedDocumentString<R, V>, variables?: V): Promise<Answer<R>> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      body: JSON.stringify({ query: doc.toString(), variables: variables ?? {} }),
    });
  } catch {
    return { error: new ApiError('network', 'NETWORK') };
  }
  const body = (await res.json().catch(() => null)) as { data?: R | null; errors?: GraphQLErrorBody[] } | null;
  const first = body?.errors?.[0];
  const data = body?.data ?? undefined;
  if (!first && !data) return { error: new ApiError(`HTTP ${res.status}`, 'NETWORK') };
  return { data, error: first ? toApiError(first) : undefined };
}

/** A call whose answer is all or nothing (mutations, sign-in): throws the first error. */
export async function request<R, V>(doc: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  const { data, error } = await execute(doc, variables);
  if (error) throw error;
  return data!;
}

export interface QueryState<R> {
  data?: R;
  error?: ApiError;
  loading: boolean;
  refetch(): void;
}

/**
 * Runs a query when its variables change, when `refreshKey` changes (a live event said it changed) and,
 * with `pollMs`, again on that interval (the fallback when the live socket is down); a poll that fails
 * keeps the last data shown. Partial data comes with its error: both are in the state.
 */
export function useQuery<R, V>(
  doc: TypedDocumentString<R, V>,
  variables: V,
  opts: { pollMs?: number; skip?: boolean; refreshKey?: number } = {},
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
    void execute(doc, JSON.parse(key) as V).then(
      ({ data, error }) => mine === seq.current && setState((s) => ({ data: data ?? s.data, error, loading: false })),
    );
    // `refreshKey` only asks again.
  }, [doc, key, opts.skip, lang, opts.refreshKey]);
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

let socket: { token: string | null; client: Promise<Client>; connected: boolean } | undefined;

/** One graphql-ws connection for the signed-in token (a new one after sign-in as someone else). */
function liveClient(): Promise<Client> {
  const token = currentToken();
  if (socket?.token === token) return socket.client;
  void socket?.client.then((c) => c.dispose());
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  // Loaded on demand: the public board's first load does not carry the socket client.
  const client = import('graphql-ws').then(({ createClient }) => {
    const c = createClient({
      url,
      lazy: true,
      retryAttempts: 5,
      connectionParams: () => (token ? { authorization: `Bearer ${token}` } : {}),
    });
    c.on('connected', () => (mine.connected = true));
    c.on('closed', () => (mine.connected = false));
    return c;
  });
  const mine = { token, client, connected: false };
  socket = mine;
  return client;
}

export interface LiveState {
  /** True while the subscription is open on a connected socket: polling is not needed then. */
  live: boolean;
  /** Counts the pushes (and reconnects, which may have missed some): a query refetches when it changes. */
  tick: number;
}

/**
 * Subscribes over graphql-ws (docs/live.md) while mounted. Each push, and each reconnect, bumps
 * `tick`; `live` is false until the socket is up and whenever it is down, so the page polls only then.
 */
export function useSubscription<R, V>(
  doc: TypedDocumentString<R, V>,
  variables: V,
  opts: { skip?: boolean } = {},
): LiveState {
  const [state, setState] = useState<LiveState>({ live: false, tick: 0 });
  const key = JSON.stringify(variables);
  // A renewed token (a party's, every few minutes) subscribes again on a connection that carries it,
  // before the gateway ends the old one when its token expires.
  const token = useSession()?.token ?? null;
  useEffect(() => {
    if (opts.skip) return;
    let stopped = false;
    const cleanups: (() => void)[] = [];
    const set = (live: boolean, bump: boolean) =>
      !stopped && setState((s) => ({ live, tick: bump ? s.tick + 1 : s.tick }));
    const current = liveClient();
    void current.then((client) => {
      if (stopped) return;
      cleanups.push(
        // A (re)connection may have missed pushes (a reconnect, a renewed token): ask again once.
        client.on('connected', () => set(true, true)),
        client.on('closed', () => set(false, false)),
        client.subscribe(
          { query: doc.toString(), variables: JSON.parse(key) as Record<string, unknown> },
          {
            next: () => set(true, true),
            error: () => set(false, false),
            complete: () => set(false, false),
          },
        ),
      );
      // Already up for another subscription of the page: this one is live too.
      if (socket?.client === current && socket.connected) set(true, false);
    });
    return () => {
      stopped = true;
      cleanups.forEach((c) => c());
    };
  }, [doc, key, opts.skip, token]);
  return state;
}
