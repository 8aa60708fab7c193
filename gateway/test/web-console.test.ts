import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { jwtVerify } from 'jose';
import { DEV_JWT_SECRET, gatewayConfigSchema } from '../src/config';
import { DEV_TOKENS_PATH, mountWebConsole } from '../src/web-console';

const INDEX = '<!doctype html><title>执源</title><div id="root"></div>';

async function serve(env: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.get('/graphql', (_req, res) => void res.json({ graph: true }));
  mountWebConsole(app, gatewayConfigSchema.parse(env));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('web console served by the gateway', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'zy-console-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), INDEX);
    writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves index.html at / and for the console routes, assets cached, /graphql untouched', async () => {
    const s = await serve({ WEB_CONSOLE_DIR: dir });
    try {
      const root = await fetch(`${s.url}/`, { headers: { accept: 'text/html' } });
      expect(root.status).toBe(200);
      expect(await root.text()).toBe(INDEX);
      const route = await fetch(`${s.url}/board/330522104201`, { headers: { accept: 'text/html' } });
      expect(await route.text()).toBe(INDEX);
      expect(route.headers.get('cache-control')).toBe('no-cache');
      const asset = await fetch(`${s.url}/assets/app-abc123.js`);
      expect(await asset.text()).toBe('console.log(1)');
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${s.url}/assets/missing.js`)).status).toBe(404);
      expect(await (await fetch(`${s.url}/graphql`, { headers: { accept: 'text/html' } })).json()).toEqual({
        graph: true,
      });
      // A JSON client asking for a path the console does not have gets no HTML.
      expect((await fetch(`${s.url}/nothing`, { headers: { accept: 'application/json' } })).status).toBe(404);
    } finally {
      await s.close();
    }
  });

  it('serves no console without WEB_CONSOLE_DIR', async () => {
    const s = await serve({});
    try {
      expect((await fetch(`${s.url}/`, { headers: { accept: 'text/html' } })).status).toBe(404);
    } finally {
      await s.close();
    }
  });

  it('hands out verifiable demo tokens in development only', async () => {
    const dev = await serve({});
    try {
      const tokens = (await (await fetch(`${dev.url}${DEV_TOKENS_PATH}?partyId=p-1`)).json()) as Record<string, string>;
      expect(Object.keys(tokens)).toEqual(expect.arrayContaining(['admin', 'cadre', 'party']));
      const key = new TextEncoder().encode(DEV_JWT_SECRET);
      const { payload } = await jwtVerify(tokens.party!, key, { issuer: 'zhiyuan-dev', audience: 'zhiyuan' });
      expect(payload).toMatchObject({ roles: ['PARTY'], partyId: 'p-1' });
      expect((await jwtVerify(tokens.cadre!, key)).payload).toMatchObject({
        roles: ['VILLAGE_CADRE'],
        divisionCode: '330522104201',
      });
    } finally {
      await dev.close();
    }
    const withIssuer = await serve({ JWT_PUBLIC_KEY: 'pem' });
    try {
      expect((await fetch(`${withIssuer.url}${DEV_TOKENS_PATH}`)).status).toBe(404);
    } finally {
      await withIssuer.close();
    }
  });
});
