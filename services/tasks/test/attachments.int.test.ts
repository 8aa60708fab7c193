import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ADMIN, TEST_INTERNAL_SECRET, gqlRequest, identity } from '@zhiyuan/testing';
import { FilesystemStorage, NotStoredError, signTicket } from '@zhiyuan/storage';
import { sweepAbandonedAttachments } from '../src';
import { abandonOptions } from '../src/schedules/schedulers';
import {
  aCase,
  enforcementFiled,
  judgmentEffective,
  partyRegistered,
  BAISHUI,
  GANGKOU,
  HONGXINGQIAO,
} from './factories/events';
import { deliver, startTasks, type Harness } from './factories/service';

const REQUEST = `mutation($input: RequestAttachmentUploadInput!) {
  requestAttachmentUpload(input: $input) { uploadUrl expiresAt attachment { id status sizeBytes downloadUrl } } }`;
const CONFIRM = `mutation($r: String!) { confirmAttachmentUpload(receipt: $r) { id status sha256 sizeBytes uploadedAt } }`;
const TASK = `query($id: ID!) { task(id: $id) { id attachments { id fileName contentType sizeBytes sha256 uploadedAt downloadUrl } } }`;
const OPEN = `query($t: String!) { openAttachmentDownload(ticket: $t) { id fileName storageKey sha256 } }`;
const CREATE = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`;
const SHA = 'a'.repeat(64);

describe('attachments of tasks, meetings and forms', () => {
  let h: Harness;
  const c = aCase();
  const cadre = identity(['VILLAGE_CADRE'], { divisionCode: GANGKOU, sub: randomUUID() });
  const otherCadre = identity(['VILLAGE_CADRE'], { divisionCode: BAISHUI, sub: randomUUID() });
  const officer = identity(['ENFORCEMENT_OFFICER'], { divisionCode: HONGXINGQIAO, sub: randomUUID() });
  const party = identity(['PARTY'], { partyId: c.obligorIds[0] });
  const gql = (query: string, variables: Record<string, unknown>, who = officer) =>
    gqlRequest(h.service.url, query, variables, who);
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);
  const rows = async () => (await q(`SELECT count(*)::int AS n FROM tasks.attachment`))[0].n as number;
  /** What the gateway sends once it has stored a file. */
  const receipt = (id: string, over: Partial<{ sha256: string; sizeBytes: number; contentType: string }> = {}) =>
    signTicket(
      TEST_INTERNAL_SECRET,
      { k: 'receipt', id, sha256: SHA, sizeBytes: 1234, contentType: 'application/pdf', ...over },
      60,
    );
  let taskId: string;
  const upload = (over: Record<string, unknown> = {}) => ({
    input: {
      target: { kind: 'TASK', id: taskId },
      fileName: '送达回证.pdf',
      contentType: 'application/pdf',
      sizeBytes: 1234,
      ...over,
    },
  });

  beforeAll(async () => {
    h = await startTasks({ env: { ATTACHMENT_MAX_BYTES: '100000' } });
    await deliver(h, partyRegistered({ partyId: c.obligorIds[0], villageCode: GANGKOU, homeDivisionCode: GANGKOU }));
    await deliver(h, judgmentEffective(c));
    await deliver(h, enforcementFiled(c, false));
    const t = await gql(CREATE, {
      input: {
        caseId: c.caseId,
        type: 'SERVE_DOCUMENT',
        level: 'VILLAGE',
        divisionCode: GANGKOU,
        title: '送达',
        dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      },
    });
    expect(t.errors).toBeUndefined();
    taskId = t.data.createTask.id;
  });
  afterAll(() => h.stop());

  it('refuses a declared size above the limit and a type not accepted, writing nothing', async () => {
    const big = await gql(REQUEST, upload({ sizeBytes: 100_001 }));
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'sizeBytes' });
    const html = await gql(REQUEST, upload({ contentType: 'text/html' }));
    expect(html.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'contentType' });
    expect(await rows()).toBe(0);
  });

  it('refuses a cadre of another village and a party, allows the cadre of the village and the officer', async () => {
    expect((await gql(REQUEST, upload(), otherCadre)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(REQUEST, upload(), party)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await rows()).toBe(0);
    const byCadre = await gql(REQUEST, upload(), cadre);
    expect(byCadre.errors).toBeUndefined();
    const byOfficer = await gql(REQUEST, upload());
    expect(byOfficer.errors).toBeUndefined();
    expect(byOfficer.data.requestAttachmentUpload).toMatchObject({
      uploadUrl: expect.stringMatching(/^\/attachments\/upload\/[\w-]+\.[\w-]+$/),
      attachment: { status: 'PENDING', sizeBytes: 1234, downloadUrl: null },
    });
    // Pending uploads are not attachments yet.
    expect((await gql(TASK, { id: taskId })).data.task.attachments).toEqual([]);
  });

  it('stores an upload only on the gateway receipt, with the hash it measured; a forged receipt is refused', async () => {
    const r = await gql(REQUEST, upload(), cadre);
    const id = r.data.requestAttachmentUpload.attachment.id;
    const forged = signTicket(
      'someone-elses-secret-of-thirty-two-chars',
      { k: 'receipt', id, sha256: SHA, sizeBytes: 1234, contentType: 'application/pdf' },
      60,
    );
    expect((await gql(CONFIRM, { r: forged }, cadre)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The receipt must be for what was declared, and for the caller the upload was handed to.
    expect((await gql(CONFIRM, { r: receipt(id, { sizeBytes: 99 }) }, cadre)).errors?.[0]?.extensions?.code).toBe(
      'CONFLICT',
    );
    expect((await gql(CONFIRM, { r: receipt(id) }, officer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ok = await gql(CONFIRM, { r: receipt(id) }, cadre);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.confirmAttachmentUpload).toMatchObject({ id, status: 'STORED', sha256: SHA, sizeBytes: 1234 });
    // A retried confirmation answers the same.
    expect((await gql(CONFIRM, { r: receipt(id) }, cadre)).data.confirmAttachmentUpload.status).toBe('STORED');

    const seen = await gql(TASK, { id: taskId });
    expect(seen.data.task.attachments).toEqual([
      expect.objectContaining({
        id,
        fileName: '送达回证.pdf',
        sha256: SHA,
        downloadUrl: expect.stringMatching(/^\/attachments\//),
      }),
    ]);
    // The other village's cadre cannot read the task, so not its attachments either.
    expect((await gql(TASK, { id: taskId }, otherCadre)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const viaEntities = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Task { attachments { id } } } }`,
      { r: [{ __typename: 'Task', id: taskId }] },
      otherCadre,
    );
    expect(viaEntities.data._entities).toEqual([null]);
  });

  it('records a download in the audit log, for the caller the link was made for only, and refuses a forged or expired link', async () => {
    const a = (await gql(TASK, { id: taskId })).data.task.attachments[0];
    const ticket = a.downloadUrl.replace('/attachments/', '');
    const before = (
      await q(`SELECT count(*)::int AS n FROM tasks.outbox_message WHERE type = 'audit.entry.recorded'`)
    )[0].n;

    expect((await gql(OPEN, { t: ticket }, cadre)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [body, sig] = ticket.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const other = Buffer.from(JSON.stringify({ ...claims, id: randomUUID() })).toString('base64url');
    expect((await gql(OPEN, { t: `${other}.${sig}` })).errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'FORGED',
    });
    const expired = signTicket(TEST_INTERNAL_SECRET, { ...claims, exp: undefined }, 60, Date.now() - 3_600_000);
    expect((await gql(OPEN, { t: expired })).errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'EXPIRED',
    });

    const ok = await gql(OPEN, { t: ticket });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.openAttachmentDownload).toMatchObject({
      id: a.id,
      storageKey: expect.stringMatching(/^tasks\/\d{4}\/\d{2}\//),
    });
    const audit = await q(
      `SELECT envelope->'payload' AS p FROM tasks.outbox_message WHERE type = 'audit.entry.recorded' ORDER BY seq`,
    );
    expect(audit.length).toBe(before + 1);
    expect(audit.at(-1).p).toMatchObject({
      actor: officer.sub,
      action: 'EXPORT',
      operation: 'attachmentDownload',
      targetKind: 'ATTACHMENT',
      targetId: a.id,
    });
  });

  it('attaches to a meeting by its village staff only', async () => {
    const m = await gql(
      `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
      {
        input: { villageCode: GANGKOU, title: '集中执行大会', venue: '文化礼堂', scheduledAt: '2030-07-08T01:30:00Z' },
      },
      ADMIN,
    );
    const target = { kind: 'MEETING', id: m.data.scheduleMeeting.id };
    const photo = { target, fileName: '现场.jpg', contentType: 'image/jpeg', sizeBytes: 5000 };
    expect((await gql(REQUEST, { input: photo }, otherCadre)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(REQUEST, { input: photo }, party)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(REQUEST, { input: photo }, cadre)).errors).toBeUndefined();
    const unknown = await gql(REQUEST, { input: { ...photo, target: { kind: 'MEETING', id: randomUUID() } } }, cadre);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('attaches a signed declaration for the party itself, not for another village', async () => {
    const d = await gql(
      `mutation($input: PropertyDeclarationInput!) { fileDeclaration(input: $input) { id } }`,
      {
        input: {
          partyId: c.obligorIds[0],
          caseId: c.caseId,
          monthlyIncomeFen: 300000,
          assets: [],
          debtsFen: 0,
          dependants: 1,
          signedOn: '2026-01-02',
        },
      },
      party,
    );
    expect(d.errors).toBeUndefined();
    const input = {
      target: { kind: 'PROPERTY_DECLARATION', id: d.data.fileDeclaration.id },
      fileName: '申报表签字页.png',
      contentType: 'image/png',
      sizeBytes: 800,
    };
    expect((await gql(REQUEST, { input }, otherCadre)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(REQUEST, { input }, party)).errors).toBeUndefined();
  });

  it('attaches photos to a home visit for the staff who keep the visit log, and shows them to those staff only', async () => {
    const v = await gql(
      `mutation($input: HomeVisitInput!) { logHomeVisit(input: $input) { id } }`,
      { input: { partyId: c.obligorIds[0], caseId: c.caseId, visitedOn: '2026-01-05', summary: '上门走访，本人在家' } },
      cadre,
    );
    expect(v.errors).toBeUndefined();
    const visitId = v.data.logHomeVisit.id as string;
    const photo = {
      target: { kind: 'HOME_VISIT', id: visitId },
      fileName: '走访照片.jpg',
      contentType: 'image/jpeg',
      sizeBytes: 4000,
    };
    // The party is visited, it does not keep the log; another village's cadre keeps another log.
    expect((await gql(REQUEST, { input: photo }, party)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(REQUEST, { input: photo }, otherCadre)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await gql(
      REQUEST,
      { input: { ...photo, target: { kind: 'HOME_VISIT', id: randomUUID() } } },
      cadre,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const r = await gql(REQUEST, { input: photo }, cadre);
    expect(r.errors).toBeUndefined();
    const id = r.data.requestAttachmentUpload.attachment.id as string;
    const stored = await gql(CONFIRM, { r: receipt(id, { sizeBytes: 4000, contentType: 'image/jpeg' }) }, cadre);
    expect(stored.errors).toBeUndefined();

    const VISITS = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Party { homeVisits { id attachments { id fileName sha256 } } } } }`;
    const visits = async (who: typeof cadre) =>
      (await gql(VISITS, { r: [{ __typename: 'Party', id: c.obligorIds[0] }] }, who)).data._entities[0].homeVisits;
    expect(await visits(cadre)).toEqual([
      { id: visitId, attachments: [{ id, fileName: '走访照片.jpg', sha256: SHA }] },
    ]);
    expect(await visits(otherCadre)).toEqual([]);
    expect(await visits(party)).toEqual([]);
  });

  it('sweeps abandoned uploads: an expired PENDING row goes with its file; fresh PENDING and STORED rows stay', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zy-attachments-'));
    const storage = new FilesystemStorage(dir);
    try {
      const ask = async () => {
        const r = await gql(REQUEST, upload(), cadre);
        expect(r.errors).toBeUndefined();
        const id = r.data.requestAttachmentUpload.attachment.id as string;
        const [row] = await q(`SELECT storage_key AS key FROM tasks.attachment WHERE id = $1`, [id]);
        return { id, key: row.key as string };
      };
      const put = (key: string) => storage.put(key, Readable.from([Buffer.from('%PDF-1.7 test')]));
      const exists = (key: string) =>
        storage.get(key).then(
          (s) => (s.destroy(), true),
          (err) => {
            if (err instanceof NotStoredError) return false;
            throw err;
          },
        );
      const stray = await ask(); // stored by the gateway, never confirmed
      const neverSent = await ask(); // no byte arrived
      const fresh = await ask(); // the link is still good, the upload may be streaming
      const stored = await ask();
      expect((await gql(CONFIRM, { r: receipt(stored.id) }, cadre)).errors).toBeUndefined();
      for (const a of [stray, fresh, stored]) await put(a.key);
      const opts = abandonOptions({ ATTACHMENT_UPLOAD_TTL_SECONDS: 600, ATTACHMENT_ABANDON_GRACE_SECONDS: 3600 });
      const now = new Date();
      const aged = new Date(now.getTime() - opts.olderThanMs - 60_000);
      await q(`UPDATE tasks.attachment SET requested_at = $2 WHERE id = ANY($1::uuid[])`, [
        [stray.id, neverSent.id, stored.id],
        aged,
      ]);

      expect(await sweepAbandonedAttachments(h.service.runtime, storage, now, opts)).toBe(2);
      const left = await q(`SELECT id FROM tasks.attachment WHERE id = ANY($1::uuid[]) ORDER BY id`, [
        [stray.id, neverSent.id, fresh.id, stored.id],
      ]);
      expect(left.map((r: { id: string }) => r.id).sort()).toEqual([fresh.id, stored.id].sort());
      expect(await exists(stray.key)).toBe(false);
      expect(await exists(fresh.key)).toBe(true);
      expect(await exists(stored.key)).toBe(true);
      // Again: nothing more to remove.
      expect(await sweepAbandonedAttachments(h.service.runtime, storage, now, opts)).toBe(0);

      // Two replicas at once remove each abandoned row once between them.
      const more = [await ask(), await ask(), await ask()];
      await q(`UPDATE tasks.attachment SET requested_at = $2 WHERE id = ANY($1::uuid[])`, [
        more.map((a) => a.id),
        aged,
      ]);
      const [a, b] = await Promise.all([
        sweepAbandonedAttachments(h.service.runtime, storage, now, { ...opts, batchSize: 1 }),
        sweepAbandonedAttachments(h.service.runtime, storage, now, { ...opts, batchSize: 1 }),
      ]);
      expect(a + b).toBe(3);
      expect(
        (
          await q(`SELECT count(*)::int AS n FROM tasks.attachment WHERE id = ANY($1::uuid[])`, [more.map((x) => x.id)])
        )[0].n,
      ).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
