/** The upload's wire step and the size shown beside a file, apart from the components (unit-tested in node). */
import { ApiError } from './api';
import { locale } from './i18n';

/** Bytes as the reader counts them: B, KB, MB (1024s). */
export function fileSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** PUTs the file to the link; the gateway answers 201 once stored and confirmed, or the refusal's code and text. */
export async function putFile(uploadUrl: string, file: File, contentType: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(uploadUrl, {
      method: 'PUT',
      body: file,
      headers: { 'content-type': contentType, 'accept-language': locale() },
    });
  } catch {
    throw new ApiError('network', 'NETWORK');
  }
  if (res.status === 201) return;
  const body = (await res.json().catch(() => null)) as {
    errors?: { message: string; extensions?: { code?: string; localizedMessage?: string } }[];
  } | null;
  const e = body?.errors?.[0];
  throw new ApiError(
    e?.message ?? `HTTP ${res.status}`,
    e?.extensions?.code ?? 'NETWORK',
    undefined,
    e?.extensions?.localizedMessage,
  );
}
