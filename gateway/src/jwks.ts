import type { RequestHandler } from 'express';
import type { Logger } from '@zhiyuan/config';
import { partyJwksUrl, type GatewayConfig } from './config';

/** JWK members that are secret in any key type: never republished, whatever people-credit answers. */
const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);
const FRESH_MS = 60_000;

/**
 * `GET /.well-known/jwks.json`: the public keys of the party issuer, read from people-credit (the
 * subgraphs are internal) and kept a minute, so anyone can verify a party token the product issued.
 */
export function servePartyJwks(
  config: Pick<GatewayConfig, 'PARTY_JWKS_URL' | 'PEOPLE_CREDIT_URL' | 'SUBGRAPH_TIMEOUT_MS'>,
  log: Logger,
): RequestHandler {
  let cached: { body: { keys: Record<string, unknown>[] }; until: number } | undefined;
  return async (_req, res) => {
    try {
      if (!cached || cached.until < Date.now()) {
        const r = await fetch(partyJwksUrl(config), { signal: AbortSignal.timeout(config.SUBGRAPH_TIMEOUT_MS) });
        if (!r.ok) throw new Error(`people-credit answered ${r.status}`);
        const body = (await r.json()) as { keys?: Record<string, unknown>[] };
        const keys = (body.keys ?? []).map((k) =>
          Object.fromEntries(Object.entries(k).filter(([name]) => !PRIVATE_MEMBERS.has(name))),
        );
        cached = { body: { keys }, until: Date.now() + FRESH_MS };
      }
      res.set('cache-control', 'public, max-age=300').json(cached.body);
    } catch (err) {
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'party key set unavailable');
      res.status(503).json({ error: 'The key set is unavailable; try again shortly' });
    }
  };
}
