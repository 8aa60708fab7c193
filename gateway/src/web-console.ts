/**
 * The web console beside the graph: the built single-page app (WEB_CONSOLE_DIR) at `/`, every other
 * GET that asks for HTML answered with its index.html so the console's own routes survive a reload.
 * In development (the gateway verifies the HS256 development secret) it also hands out the demo
 * tokens at DEV_TOKENS_PATH for the console's role picker; production has no such route and the
 * console takes a token from the configured issuer.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from '@zhiyuan/config';
import { DEV_JWT_SECRET, type GatewayConfig } from './config';
import { DEMO_ROLES, issueToken } from './dev-tokens';

export const DEV_TOKENS_PATH = '/console/dev-tokens';

/** Paths the console never shadows. */
const RESERVED = /^\/(graphql|health)(\/|$)/;

export function mountWebConsole(
  app: Express,
  config: Pick<
    GatewayConfig,
    'NODE_ENV' | 'WEB_CONSOLE_DIR' | 'JWT_JWKS_URL' | 'JWT_PUBLIC_KEY' | 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'
  >,
  log?: Logger,
): boolean {
  if (config.NODE_ENV !== 'production' && !config.JWT_JWKS_URL && !config.JWT_PUBLIC_KEY) {
    const jwt = {
      secret: config.JWT_SECRET ?? DEV_JWT_SECRET,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    };
    app.get(DEV_TOKENS_PATH, async (req, res) => {
      // A party token names the party it stands for; the picker passes the one chosen.
      const partyId = typeof req.query.partyId === 'string' && req.query.partyId ? req.query.partyId : null;
      const tokens: Record<string, string> = {};
      for (const [role, claims] of Object.entries(DEMO_ROLES))
        tokens[role] = await issueToken(role === 'party' ? { ...claims, partyId } : claims, jwt);
      res.set('cache-control', 'no-store').json(tokens);
    });
  }
  if (!config.WEB_CONSOLE_DIR) return false;
  const dir = path.resolve(config.WEB_CONSOLE_DIR);
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) {
    log?.warn({ dir }, 'WEB_CONSOLE_DIR has no index.html: the console is not served');
    return false;
  }
  // Vite names every asset by its content hash, so assets are cached for good and index.html never.
  app.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  app.use(express.static(dir, { index: false, maxAge: 0 }));
  app.use((req, res, next) => {
    if (req.method !== 'GET' || RESERVED.test(req.path) || !req.accepts('html')) return next();
    res.set('cache-control', 'no-cache').sendFile(index);
  });
  return true;
}

/**
 * The explorer in development: a browser opening `/graphql` (a GET that prefers HTML to JSON) is sent
 * to the console's GraphiQL page (`/explorer`, bundled from npm with the console; its header editor
 * holds a development token). Production has none: such a GET reaches the GraphQL endpoint, which
 * refuses it as any GET without a query.
 */
export function mountExplorer(
  app: Express,
  config: Pick<GatewayConfig, 'NODE_ENV'>,
  consoleServed: () => boolean,
): void {
  if (config.NODE_ENV === 'production') return;
  app.get('/graphql', (req, res, next) => {
    if (req.query.query !== undefined || req.accepts(['json', 'html']) !== 'html') return next();
    if (consoleServed()) return res.redirect(302, '/explorer');
    // Without a built console there is no explorer to show: say how to get one, not a CSRF error.
    res
      .status(200)
      .type('html')
      .send(
        '<!doctype html><meta charset="utf-8"><title>Zhiyuan GraphQL</title>' +
          '<p>This is the GraphQL endpoint. The explorer is part of the web console: build it with ' +
          '<code>npm run build -w @zhiyuan/web</code> and restart, then open <code>/explorer</code>.</p>',
      );
  });
}
