import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpSmsProvider } from './providers';

describe('HTTP SMS provider', () => {
  let server: http.Server;
  let url: string;
  const seen: { headers: http.IncomingHttpHeaders; body: any }[] = [];
  let status = 200;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: JSON.parse(data) });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ messageId: 'gw-1' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('posts the message with the notification id as idempotency key', async () => {
    const p = new HttpSmsProvider({ url, token: 'secret', timeoutMs: 2000 });
    await expect(p.send({ id: 'n-1', phone: '13800000000', body: '测试', template: 'URGING_NOTICE' })).resolves.toEqual(
      { providerMessageId: 'gw-1' },
    );
    expect(seen[0]!.headers['idempotency-key']).toBe('n-1');
    expect(seen[0]!.headers.authorization).toBe('Bearer secret');
    expect(seen[0]!.body).toEqual({ id: 'n-1', phone: '13800000000', body: '测试', template: 'URGING_NOTICE' });
  });

  it('throws when the gateway refuses, so the sender retries', async () => {
    status = 503;
    const p = new HttpSmsProvider({ url, timeoutMs: 2000 });
    await expect(p.send({ id: 'n-2', phone: '13800000000', body: 'x', template: 'TASK_REMINDER' })).rejects.toThrow(
      'SMS gateway answered 503',
    );
  });
});
