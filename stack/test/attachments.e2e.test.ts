import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ROLES, issueToken, type TokenClaims } from '@zhiyuan/gateway';
import { signTicket } from '@zhiyuan/storage';
import {
  TEST_INTERNAL_SECRET,
  createTestDatabase,
  gqlRequest,
  silentLogger,
  waitFor,
  type TestDatabase,
} from '@zhiyuan/testing';
import { loadDemoCases, startStack, type Stack } from '../src';

const DEV = { secret: 'development-jwt-secret-change-me-0000000000', issuer: 'zhiyuan-dev', audience: 'zhiyuan' };
const GANGKOU = '330522104201';
const BAISHUI = '330522104202';
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(3000, 7)]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(3000, 1)]);
const INFECTED = Buffer.from(
  '%PDF-1.4\nX5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\n%%EOF\n',
);

const REQUEST = `mutation($input: RequestAttachmentUploadInput!) { requestAttachmentUpload(input: $input) { uploadUrl attachment { id } } }`;
const ATTACHMENTS = `query($id: ID!) { task(id: $id) { attachments { id fileName contentType sizeBytes sha256 downloadUrl } } }`;

/**
 * Files through the gateway: the tasks subgraph hands out an upload for who may work the task, the
 * gateway streams it to the filesystem storage (hash, size and type checked as it passes, scanned
 * once stored), the file is listed on the task for who may read it, and every download is audited.
 */
describe('attachments through the gateway', () => {
  let db: TestDatabase;
  let stack: Stack;
  let dir: string;
  let taskId: string;
  const auth: Record<string, Record<string, string>> = {};
  const base = () => stack.gatewayUrl.replace(/\/graphql$/, '');
  const gql = (role: string, query: string, variables: Record<string, unknown> = {}) =>
    gqlRequest(stack.gatewayUrl, query, variables, undefined, auth[role]!);
  const request = async (role: string, over: Record<string, unknown> = {}) =>
    gql(role, REQUEST, {
      input: {
        target: { kind: 'TASK', id: taskId },
        fileName: '入户照片.png',
        contentType: 'image/png',
        sizeBytes: PNG.length,
        ...over,
      },
    });
  const uploadUrl = async (over: Record<string, unknown> = {}) => {
    const r = await request('cadre', over);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return `${base()}${r.data.requestAttachmentUpload.uploadUrl}`;
  };
  const put = (url: string, body: Buffer | ReadableStream) =>
    fetch(url, { method: 'PUT', body, duplex: 'half' } as RequestInit);
  const codeOf = async (res: Response) => ((await res.json()) as any).errors[0].extensions.code;
  const stored = async () => (await gql('officer', ATTACHMENTS, { id: taskId })).data.task.attachments as any[];
  /** The files in the storage directory. */
  const files = async () =>
    (await readdir(join(dir, 'store'), { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) =>
      e.isFile(),
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zy-attachments-'));
    const scan = join(dir, 'scan.js');
    await writeFile(
      scan,
      "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{if(s.includes('EICAR')){console.log('stdin: Eicar-Test-Signature FOUND');process.exit(1)}})",
    );
    db = await createTestDatabase('zy_attachments');
    stack = await startStack({
      databaseUrl: db.url,
      gatewayPort: 0,
      subgraphPorts: { cases: 0, peopleCredit: 0, tasks: 0, metrics: 0 },
      seedDemoData: true,
      logger: silentLogger,
      env: {
        RATE_LIMIT_PER_MINUTE: '0',
        TASK_SCHEDULERS_ENABLED: 'false',
        ATTACHMENT_DIR: join(dir, 'store'),
        ATTACHMENT_SCAN_COMMAND: `${process.execPath} ${scan}`,
        ATTACHMENT_MAX_BYTES: '100000',
      },
    });
    for (const [name, claims] of Object.entries(DEMO_ROLES))
      auth[name] = { authorization: `Bearer ${await issueToken(claims as TokenClaims, DEV)}` };
    const elsewhere = { ...DEMO_ROLES.cadre!, sub: 'cadre-of-baishui', divisionCode: BAISHUI } as TokenClaims;
    auth.cadreElsewhere = { authorization: `Bearer ${await issueToken(elsewhere, DEV)}` };
    await loadDemoCases(stack.gatewayUrl, DEV, silentLogger);
    taskId = await waitFor(
      async () => {
        const r = await gql(
          'cadre',
          `query($d: ID!) { tasks(filter: { divisionCode: $d }, first: 1) { edges { node { id } } } }`,
          {
            d: GANGKOU,
          },
        );
        return r.data?.tasks.edges[0]?.node.id as string | undefined;
      },
      { what: 'a task of 港口村' },
    );
  });
  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores an upload of the village cadre with its SHA-256, lists it for the officer and audits its download', async () => {
    const res = await put(await uploadUrl(), PNG);
    expect(res.status).toBe(201);
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    expect(await res.json()).toMatchObject({ sha256, sizeBytes: PNG.length });
    const [a] = await stored();
    expect(a).toMatchObject({ fileName: '入户照片.png', contentType: 'image/png', sizeBytes: PNG.length, sha256 });

    const file = await fetch(`${base()}${a.downloadUrl}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('入户照片.png')}`);
    expect(file.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);

    const entries = await waitFor(
      async () => {
        const d = await gql(
          'admin',
          `{ auditLog(filter: { action: EXPORT }, first: 20) { nodes { actor service operation targetKind targetId outcome } } }`,
        );
        const mine = d.data.auditLog.nodes.filter((n: any) => n.operation === 'attachmentDownload');
        return mine.length ? mine : undefined;
      },
      { what: 'the download audit entry' },
    );
    expect(entries).toEqual([
      {
        actor: DEMO_ROLES.officer!.sub,
        service: 'tasks',
        operation: 'attachmentDownload',
        targetKind: 'ATTACHMENT',
        targetId: a.id,
        outcome: 'OK',
      },
    ]);
  });

  it('refuses the cadre of another village and a party an upload, and hides the files from the other cadre', async () => {
    expect((await request('cadreElsewhere')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await request('party')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await gql('cadreElsewhere', ATTACHMENTS, { id: taskId });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a declared size above the limit and a declared type not accepted', async () => {
    expect((await request('cadre', { sizeBytes: 100_001 })).errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'sizeBytes',
    });
    expect((await request('cadre', { contentType: 'application/x-msdownload' })).errors?.[0]?.extensions).toMatchObject(
      {
        code: 'VALIDATION_FAILED',
        field: 'contentType',
      },
    );
  });

  it('refuses a body larger than declared, by its length header or while it streams, and keeps nothing', async () => {
    const before = (await stored()).length;
    const declared = { sizeBytes: 1000 };
    expect((await put(await uploadUrl(declared), PNG)).status).toBe(413);
    // Without a length (chunked), the gateway counts as the bytes pass and stops at the declared size.
    const chunks = [PNG.subarray(0, 800), PNG.subarray(800, 1600), PNG.subarray(1600)];
    const stream = new ReadableStream({
      pull(c) {
        const next = chunks.shift();
        if (next) c.enqueue(next);
        else c.close();
      },
    });
    const res = await put(await uploadUrl(declared), stream);
    expect(res.status).toBe(413);
    expect(await codeOf(res)).toBe('ATTACHMENT_TOO_LARGE');
    expect((await stored()).length).toBe(before);
    expect(await files()).toHaveLength(before);
  });

  it('refuses a file whose content is not the declared type, and one the scan finds infected', async () => {
    const before = (await stored()).length;
    const wrong = await put(await uploadUrl({ sizeBytes: JPEG.length }), JPEG);
    expect(wrong.status).toBe(415);
    expect(await codeOf(wrong)).toBe('ATTACHMENT_TYPE_MISMATCH');
    const infected = await put(
      await uploadUrl({ fileName: '判决书.pdf', contentType: 'application/pdf', sizeBytes: INFECTED.length }),
      INFECTED,
    );
    expect(infected.status).toBe(422);
    expect(await codeOf(infected)).toBe('ATTACHMENT_REJECTED_BY_SCAN');
    expect((await stored()).length).toBe(before);
  });

  it("words a refusal in the language of the upload's Accept-Language, as the graph's errors are", async () => {
    const url = await uploadUrl({ sizeBytes: JPEG.length });
    const zh = (await (await put(url, JPEG)).json()) as any;
    expect(zh.errors[0].extensions).toEqual({
      code: 'ATTACHMENT_TYPE_MISMATCH',
      localizedMessage: expect.stringMatching(/[\u4e00-\u9fff]/),
    });
    const en = await fetch(await uploadUrl({ sizeBytes: JPEG.length }), {
      method: 'PUT',
      body: JPEG,
      headers: { 'accept-language': 'en' },
    });
    expect(((await en.json()) as any).errors[0].extensions.localizedMessage).toBe(
      'The file is not of the declared type, or of no accepted type',
    );
  });

  it('refuses a forged or an expired link', async () => {
    const url = await uploadUrl();
    const ticket = url.split('/').pop()!;
    const [body, sig] = ticket.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const bigger = Buffer.from(JSON.stringify({ ...claims, sizeBytes: 10_000_000 })).toString('base64url');
    const forged = await put(`${base()}/attachments/upload/${bigger}.${sig}`, PNG);
    expect(forged.status).toBe(403);
    expect(await codeOf(forged)).toBe('ATTACHMENT_LINK_INVALID');
    const { exp: _exp, ...rest } = claims;
    const old = signTicket(TEST_INTERNAL_SECRET, rest, 60, Date.now() - 3_600_000);
    const expired = await put(`${base()}/attachments/upload/${old}`, PNG);
    expect(expired.status).toBe(403);
    expect(await codeOf(expired)).toBe('ATTACHMENT_LINK_EXPIRED');
    const download = await fetch(`${base()}/attachments/${bigger}.${sig}`);
    expect(download.status).toBe(403);
  });
  it("carries a settlement's signed papers to cases and back, for the case's officer", async () => {
    const open = await gql(
      'officer',
      `query($d: ID!) { cases(filter: { divisionCode: $d, open: true }, first: 50) { nodes { id state outstandingFen settlements { status } } } }`,
      { d: GANGKOU },
    );
    const c = open.data.cases.nodes.find(
      (n: any) =>
        ['URGING', 'IN_PROGRESS'].includes(n.state) &&
        n.outstandingFen > 0 &&
        !n.settlements.some((s: any) => s.status === 'ACTIVE'),
    );
    expect(c).toBeDefined();
    const due = new Date(Date.now() + 8 * 3600_000 + 30 * 86_400_000).toISOString().slice(0, 10);
    const agreed = await gql(
      'officer',
      `mutation($input: AgreeSettlementInput!) { agreeSettlement(input: $input) { settlements { id status } } }`,
      {
        input: {
          caseId: c.id,
          kind: 'SETTLEMENT',
          terms: '一次付清',
          instalments: [{ dueDate: due, amountFen: c.outstandingFen }],
        },
      },
    );
    expect(agreed.errors).toBeUndefined();
    const settlementId = agreed.data.agreeSettlement.settlements.find((s: any) => s.status === 'ACTIVE').id;
    const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
    const r = await gql(
      'officer',
      `mutation($input: RequestSettlementAttachmentUploadInput!) { requestSettlementAttachmentUpload(input: $input) { uploadUrl } }`,
      { input: { settlementId, fileName: '和解协议.pdf', contentType: 'application/pdf', sizeBytes: PDF.length } },
    );
    expect(r.errors).toBeUndefined();
    const res = await put(`${base()}${r.data.requestSettlementAttachmentUpload.uploadUrl}`, PDF);
    expect(res.status).toBe(201);
    const listed = await gql(
      'officer',
      `query($id: ID!) { case(id: $id) { settlements { id attachments { sha256 downloadUrl } } } }`,
      {
        id: c.id,
      },
    );
    const [a] = listed.data.case.settlements.find((s: any) => s.id === settlementId).attachments;
    expect(a.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    const file = await fetch(`${base()}${a.downloadUrl}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
  });
});
