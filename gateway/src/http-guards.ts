import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Identity } from '@zhiyuan/auth';
import { AuthenticationError, type Authenticate } from './auth';
import { sha256 } from './persisted-operations';
import { parseAcceptLanguage } from '@zhiyuan/kernel';
import { withLocalizedMessage } from './errors';
import { ACCEPT_LANGUAGE } from './fetcher';

/** The verified identity of a request, set by authenticate(). */
export const identities = new WeakMap<Request, Identity>();

function reject(res: Response, status: number, code: string, message: string): void {
  const locale = parseAcceptLanguage(res.req?.header(ACCEPT_LANGUAGE));
  res.status(status).json({ errors: [withLocalizedMessage({ message, extensions: { code } }, locale)] });
}

/** Verifies the bearer token; an invalid one is refused with 401, none means anonymous. */
export function authenticate(auth: Authenticate) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      identities.set(req, await auth(req.header('authorization'), req.ip ?? null));
      next();
    } catch (err) {
      if (err instanceof AuthenticationError) return reject(res, 401, 'UNAUTHENTICATED', err.message);
      next(err);
    }
  };
}

/** Requests per minute per identity (per client address when anonymous). */
export function limitRate(perMinute: number) {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const id = identities.get(req as Request);
      return id && id.roles.length ? `sub:${id.sub}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (_req, res) =>
      reject(res as Response, 429, 'RATE_LIMITED', 'Too many requests; slow down and try again in a minute'),
  });
}

/**
 * Persisted operations: a request may name a safelisted operation by its sha256 hash
 * (`extensions.persistedQuery.sha256Hash`); in `enforce` mode every operation must be on the list.
 */
export function persistedOperations(mode: 'off' | 'allow' | 'enforce', safelist: Map<string, string>) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (mode === 'off' || req.method !== 'POST' || !req.body || typeof req.body !== 'object') return next();
    const body = req.body as { query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } };
    const hash = body.extensions?.persistedQuery?.sha256Hash;
    if (hash) {
      const query = safelist.get(hash);
      if (!query) return reject(res, 400, 'PERSISTED_QUERY_NOT_FOUND', 'This operation is not on the safelist');
      body.query = query;
      delete body.extensions!.persistedQuery;
      return next();
    }
    if (mode === 'enforce' && (!body.query || !safelist.has(sha256(body.query.trim())))) {
      return reject(res, 400, 'PERSISTED_QUERY_REQUIRED', 'Only safelisted operations are accepted');
    }
    next();
  };
}

/** A body over the size limit or malformed JSON gets a GraphQL-shaped error, not an HTML page. */
export function bodyErrors(
  err: { type?: string; status?: number },
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (err?.type === 'entity.too.large') return reject(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
  if (err?.type === 'entity.parse.failed') return reject(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
  next(err);
}
