import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import {
  AttachmentRejected,
  FilesystemStorage,
  NotStoredError,
  S3Storage,
  UploadMeter,
  commandScanner,
  downloadTicketSchema,
  newStorageKey,
  signTicket,
  sniffType,
  verifyTicket,
  type ObjectStorage,
} from '../src';
import { DOCX, HEIC, JPEG, PDF, PNG, SCRIPT, WEBP } from './samples';

async function text(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c as Buffer));
  return Buffer.concat(parts);
}

/** Sends `body` in chunks of `size`, as a network upload arrives. */
function chunked(body: Buffer, size = 64): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) parts.push(body.subarray(i, i + size));
  return Readable.from(parts);
}

describe('content sniffing', () => {
  it.each([
    ['application/pdf', PDF],
    ['image/jpeg', JPEG],
    ['image/png', PNG],
    ['image/webp', WEBP],
    ['image/heic', HEIC],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', DOCX],
  ])('tells %s by its first bytes', (type, bytes) => {
    expect(sniffType(bytes)).toBe(type);
  });

  it('names no type for a script or a plain ZIP', () => {
    expect(sniffType(SCRIPT)).toBeNull();
    expect(sniffType(Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60)]))).toBeNull();
  });
});

describe('tickets', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  const claims = {
    k: 'download' as const,
    svc: 'tasks',
    id: 'a1',
    who: { sub: 'u1', roles: ['VILLAGE_CADRE'], divisionCode: '330522104201', department: null, partyId: null },
  };

  it('verifies its own ticket and gives back the claims', () => {
    const r = verifyTicket(secret, downloadTicketSchema, signTicket(secret, claims, 60));
    expect(r).toEqual({ ok: true, claims: expect.objectContaining(claims) });
  });

  it('refuses an expired ticket', () => {
    const t = signTicket(secret, claims, 60, Date.now() - 120_000);
    expect(verifyTicket(secret, downloadTicketSchema, t)).toEqual({ ok: false, problem: 'EXPIRED' });
  });

  it('refuses a ticket whose claims were changed, one signed with another secret, and garbage', () => {
    const t = signTicket(secret, claims, 60);
    const [, sig] = t.split('.');
    const changed = Buffer.from(JSON.stringify({ ...claims, id: 'a2', exp: 9e9 })).toString('base64url');
    expect(verifyTicket(secret, downloadTicketSchema, `${changed}.${sig}`)).toEqual({ ok: false, problem: 'FORGED' });
    const other = signTicket('another-secret-of-thirty-two-characters!!', claims, 60);
    expect(verifyTicket(secret, downloadTicketSchema, other)).toEqual({ ok: false, problem: 'FORGED' });
    expect(verifyTicket(secret, downloadTicketSchema, 'nothing')).toEqual({ ok: false, problem: 'FORGED' });
    // A ticket of another kind (an upload ticket shown as a download) is refused by the schema.
    const upload = signTicket(secret, { ...claims, k: 'upload' }, 60);
    expect(verifyTicket(secret, downloadTicketSchema, upload)).toEqual({ ok: false, problem: 'FORGED' });
    expect(verifyTicket(secret, z.object({ exp: z.number() }), upload).ok).toBe(true);
  });
});

describe('the upload meter', () => {
  const through = async (body: Buffer, declared: { sizeBytes: number; contentType: string }) => {
    const meter = new UploadMeter(declared);
    const out: Buffer[] = [];
    await pipeline(chunked(body), meter, async function* (source) {
      for await (const c of source) out.push(c as Buffer);
    });
    return { meter, out: Buffer.concat(out) };
  };

  it('passes the file through unchanged and hashes it', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(10_000, 3)]);
    const { meter, out } = await through(big, { sizeBytes: big.length, contentType: 'image/png' });
    expect(out.equals(big)).toBe(true);
    expect(meter.sha256()).toBe(createHash('sha256').update(big).digest('hex'));
  });

  it('stops a body longer than declared as soon as it passes the size, before the end', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(100_000)]);
    let sent = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < big.length; i += 1000) {
          sent = i + 1000;
          yield big.subarray(i, i + 1000);
        }
      })(),
    );
    const meter = new UploadMeter({ sizeBytes: 5000, contentType: 'image/png' });
    await expect(
      pipeline(source, meter, async function* (s) {
        for await (const _ of s) void _;
      }),
    ).rejects.toMatchObject({ code: 'ATTACHMENT_TOO_LARGE' });
    expect(sent).toBeLessThan(big.length / 2);
  });

  it('refuses a file whose first bytes are not the declared type', async () => {
    await expect(through(JPEG, { sizeBytes: JPEG.length, contentType: 'image/png' })).rejects.toMatchObject({
      code: 'ATTACHMENT_TYPE_MISMATCH',
    });
    await expect(through(SCRIPT, { sizeBytes: SCRIPT.length, contentType: 'application/pdf' })).rejects.toBeInstanceOf(
      AttachmentRejected,
    );
  });

  it('refuses a body shorter than declared', async () => {
    await expect(through(PDF, { sizeBytes: PDF.length + 10, contentType: 'application/pdf' })).rejects.toMatchObject({
      code: 'ATTACHMENT_SIZE_MISMATCH',
    });
  });
});

function contract(name: string, make: () => Promise<{ storage: ObjectStorage; done: () => Promise<void> }>) {
  describe(`${name} storage`, () => {
    let s: { storage: ObjectStorage; done: () => Promise<void> };
    beforeAll(async () => {
      s = await make();
    });
    afterAll(() => s.done());

    it('stores, reads back and deletes an object', async () => {
      const key = newStorageKey('tasks', '0b6f6c1e-5d2e-4c55-9e51-0d1d2a3b4c5d');
      await s.storage.put(key, chunked(PDF, 16), { sizeBytes: PDF.length, contentType: 'application/pdf' });
      expect((await text(await s.storage.get(key))).equals(PDF)).toBe(true);
      await s.storage.delete(key);
      await expect(s.storage.get(key)).rejects.toBeInstanceOf(NotStoredError);
      await s.storage.delete(key);
    });

    it('refuses a key that could leave its place', async () => {
      await expect(s.storage.get('../etc/passwd')).rejects.toThrow(/not a storage key/);
    });
  });
}

contract('filesystem', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'zy-storage-'));
  return { storage: new FilesystemStorage(dir), done: () => rm(dir, { recursive: true, force: true }) };
});

describe('filesystem storage, a failed stream', () => {
  it('leaves nothing behind when the body fails midway', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zy-storage-'));
    const storage = new FilesystemStorage(dir);
    const failing = new Readable({
      read() {
        this.push(PNG);
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(storage.put('tasks/2026/01/abc', failing)).rejects.toThrow('connection reset');
    expect(await readdir(join(dir, 'tasks/2026/01'))).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });
});

/**
 * No S3-compatible server is reachable from the test machine, so the S3 adapter is tested against
 * this in-process fake of the three path-style calls it makes (PUT, GET, DELETE of an object). It
 * checks that every request is signed (SigV4 Authorization header) and that a PUT carries its length.
 */
contract('S3-compatible', async () => {
  const objects = new Map<string, Buffer>();
  const server = http.createServer(async (req, res) => {
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 Credential=test-key/')) {
      res.writeHead(403).end();
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method === 'PUT') {
      if (!req.headers['content-length']) return void res.writeHead(411).end();
      objects.set(path, await text(req));
      return void res.writeHead(200, { etag: '"1"' }).end();
    }
    if (req.method === 'GET') {
      const o = objects.get(path);
      if (!o)
        return void res
          .writeHead(404, { 'content-type': 'application/xml' })
          .end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>none</Message></Error>');
      return void res.writeHead(200, { 'content-length': o.length }).end(o);
    }
    if (req.method === 'DELETE') {
      objects.delete(path);
      return void res.writeHead(204).end();
    }
    res.writeHead(405).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const storage = new S3Storage({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    bucket: 'zy',
    accessKeyId: 'test-key',
    secretAccessKey: 'test-secret',
    forcePathStyle: true,
  });
  return {
    storage,
    done: async () => {
      storage.close();
      await new Promise((r) => server.close(r));
    },
  };
});

describe('the scan command', () => {
  const file = (body: Buffer) => ({
    open: async () => Readable.from([body]),
    sha256: '',
    sizeBytes: body.length,
    contentType: 'application/pdf',
  });

  it('passes a file the command exits 0 on and refuses one it exits 1 on, with its last line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zy-scan-'));
    const script = join(dir, 'scan.js');
    await writeFile(
      script,
      "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{if(s.includes('EICAR')){console.log('stdin: Eicar-Signature FOUND');process.exit(1)}})",
    );
    const scanner = commandScanner(`${process.execPath} ${script}`);
    expect(await scanner.scan(file(PDF))).toEqual({ clean: true });
    expect(await scanner.scan(file(Buffer.from('%PDF-1.4 EICAR')))).toEqual({
      clean: false,
      reason: 'stdin: Eicar-Signature FOUND',
    });
    await rm(dir, { recursive: true, force: true });
  });
});
