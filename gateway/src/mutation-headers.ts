import type { NextFunction, Request, Response } from 'express';
import { parseAcceptLanguage } from '@zhiyuan/kernel';
import { withLocalizedMessage } from './errors';

/** The client's key for a mutation that moves money or status (docs/gateway.md). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** 1 to 200 visible ASCII characters, as the subgraphs accept. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Headers of the client's request copied onto the subgraph fetches of its mutations (never onto reads). */
export const MUTATION_HEADERS = [IDEMPOTENCY_KEY_HEADER] as const;

/** A subgraph operation the query planner printed as a mutation (entity fetches are queries). */
const MUTATION_DOCUMENT = /^\s*mutation\b/;

/** Refuses a malformed Idempotency-Key with 400 VALIDATION_FAILED naming the header. */
export function validateMutationHeaders(req: Request, res: Response, next: NextFunction): void {
  const key = req.header(IDEMPOTENCY_KEY_HEADER);
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    res.status(400).json({
      errors: [
        withLocalizedMessage(
          {
            message: 'The Idempotency-Key header must be 1 to 200 visible ASCII characters',
            extensions: { code: 'VALIDATION_FAILED', field: 'Idempotency-Key' },
          },
          parseAcceptLanguage(req.header('accept-language')),
        ),
      ],
    });
    return;
  }
  next();
}

/** The allow-listed headers the client sent, for the request's context. */
export function mutationHeadersOf(req: Request): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const name of MUTATION_HEADERS) {
    const v = req.header(name);
    if (v !== undefined) (out ??= {})[name] = v;
  }
  return out;
}

/** Copies them onto a subgraph fetch when it is the mutation itself. */
export function copyMutationHeaders(
  request: { query?: string; http?: { headers: { set(name: string, value: string): void } } },
  headers: Record<string, string> | undefined,
): void {
  if (!headers || !request.http || !MUTATION_DOCUMENT.test(request.query ?? '')) return;
  for (const [name, value] of Object.entries(headers)) request.http.headers.set(name, value);
}
