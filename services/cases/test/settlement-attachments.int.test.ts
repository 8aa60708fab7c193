import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ADMIN, TEST_INTERNAL_SECRET, gqlRequest, identity } from '@zhiyuan/testing';
import { FilesystemStorage, NotStoredError, signTicket } from '@zhiyuan/storage';
import { sweepAbandonedAttachments } from '../src';
import { SETTLE, TAKE_IN } from './factories/graphql';
import { GANGKOU, HEPING, HONGXINGQIAO, judgment, partyEvent, staffEvent, startCases, type Harness } from './factories';

const REQUEST = `mutation($input: RequestSettlementAttachmentUploadInput!) {
  requestSettlementAttachmentUpload(input: $input) { uploadUrl attachment { id status downloadUrl } } }`;
const CONFIRM = `mutation($r: String!) { confirmSettlementAttachmentUpload(receipt: $r) { id status sha256 sizeBytes } }`;
const FILES = `query($id: ID!) { case(id: $id) { settlements { id attachments { id fileName sha256 downloadUrl } } } }`;
const OPEN = `query($t: String!) { openSettlementAttachmentDownload(ticket: $t) { id storageKey } }`;
const SHA = 'b'.repeat(64);

describe('attachments of settlements', () => {
  let h: Harness;
  const obligor = randomUUID();
  const officer = identity(['ENFORCEMENT_OFFICER'], { sub: randomUUID(), divisionCode: HONGXINGQIAO });
  const otherOfficer = identity(['ENFORCEMENT_OFFICER'], { sub: randomUUID(), divisionCode: HEPING });
  const cadre = identity(['VILLAGE_CADRE'], { sub: randomUUID(), divisionCode: GANGKOU });
  const party = identity(['PARTY'], { partyId: obligor });
  const gql = (query: string, variables: Record<string, unknown> = {}, who = officer) =>
    gqlRequest(h.url, query, variables, who);
  let caseId: string;
  let settlementId: string;
  const input = (over: Record<string, unknown> = {}) => ({
    input: { settlementId, fileName: '和解协议.pdf', contentType: 'application/pdf', sizeBytes: 4321, ...over },
  });

  beforeAll(async () => {
    h = await startCases({ ATTACHMENT_MAX_BYTES: '50000' });
    await h.deliver(partyEvent(obligor, GANGKOU, HONGXINGQIAO));
    await h.deliver(staffEvent(officer.sub, HONGXINGQIAO));
    const c = await gql(
      TAKE_IN,
      { input: judgment({ obligorIds: [obligor], principalFen: 9000, interestFen: 0, costsFen: 0 }) },
      ADMIN,
    );
    expect(c.errors).toBeUndefined();
    caseId = c.data.takeInJudgment.id;
    const s = await gql(
      SETTLE,
      {
        input: {
          caseId,
          kind: 'SETTLEMENT',
          terms: '一次付清',
          instalments: [
            {
              dueDate: new Date(Date.now() + 8 * 3600_000 + 30 * 86_400_000).toISOString().slice(0, 10),
              amountFen: 9000,
            },
          ],
        },
      },
      ADMIN,
    );
    expect(s.errors).toBeUndefined();
    settlementId = (await gql(FILES, { id: caseId }, ADMIN)).data.case.settlements[0].id;
  });
  afterAll(() => h.stop());

  it('hands out an upload to who may work the case only, within the declared limits', async () => {
    expect((await gql(REQUEST, input(), otherOfficer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(REQUEST, input(), cadre)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(REQUEST, input(), party)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(REQUEST, input({ sizeBytes: 50_001 }))).errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'sizeBytes',
    });
    expect((await gql(REQUEST, input({ contentType: 'image/gif' }))).errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'contentType',
    });
    expect((await h.service.runtime.ds.query(`SELECT count(*)::int AS n FROM cases.settlement_attachment`))[0].n).toBe(
      0,
    );
  });

  it('stores on the receipt, lists the file for the case and its parties, and audits the download', async () => {
    const r = await gql(REQUEST, input());
    expect(r.errors).toBeUndefined();
    const id = r.data.requestSettlementAttachmentUpload.attachment.id;
    const forged = signTicket(
      'x'.repeat(40),
      { k: 'receipt', id, sha256: SHA, sizeBytes: 4321, contentType: 'application/pdf' },
      60,
    );
    expect((await gql(CONFIRM, { r: forged })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const receipt = signTicket(
      TEST_INTERNAL_SECRET,
      { k: 'receipt', id, sha256: SHA, sizeBytes: 4321, contentType: 'application/pdf' },
      60,
    );
    expect((await gql(CONFIRM, { r: receipt })).data.confirmSettlementAttachmentUpload).toMatchObject({
      status: 'STORED',
      sha256: SHA,
    });

    const seen = (await gql(FILES, { id: caseId }, party)).data.case.settlements[0].attachments;
    expect(seen).toEqual([expect.objectContaining({ id, fileName: '和解协议.pdf', sha256: SHA })]);
    expect((await gql(FILES, { id: caseId }, otherOfficer)).data?.case ?? null).toBeNull();

    const ticket = seen[0].downloadUrl.replace('/attachments/', '');
    expect((await gql(OPEN, { t: ticket })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN'); // made for the party
    const opened = await gql(OPEN, { t: ticket }, party);
    expect(opened.data.openSettlementAttachmentDownload).toMatchObject({
      id,
      storageKey: expect.stringMatching(/^cases\//),
    });
    const audit = await h.service.runtime.ds.query(
      `SELECT envelope->'payload' AS p FROM cases.outbox_message WHERE type = 'audit.entry.recorded'
        AND envelope->'payload'->>'operation' = 'attachmentDownload'`,
    );
    expect(audit.map((a: { p: unknown }) => a.p)).toEqual([
      expect.objectContaining({ action: 'EXPORT', targetKind: 'ATTACHMENT', targetId: id, actor: party.sub }),
    ]);
  });

  it('sweeps abandoned uploads: an expired PENDING row goes with its file; fresh PENDING and STORED rows stay', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zy-settlement-attachments-'));
    const storage = new FilesystemStorage(dir);
    const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);
    try {
      const ask = async () => {
        const r = await gql(REQUEST, input());
        expect(r.errors).toBeUndefined();
        const id = r.data.requestSettlementAttachmentUpload.attachment.id as string;
        const [row] = await q(`SELECT storage_key AS key FROM cases.settlement_attachment WHERE id = $1`, [id]);
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
      const stray = await ask();
      const neverSent = await ask();
      const fresh = await ask();
      const stored = await ask();
      const receipt = signTicket(
        TEST_INTERNAL_SECRET,
        { k: 'receipt', id: stored.id, sha256: SHA, sizeBytes: 4321, contentType: 'application/pdf' },
        60,
      );
      expect((await gql(CONFIRM, { r: receipt })).errors).toBeUndefined();
      for (const a of [stray, fresh, stored]) await put(a.key);
      // The defaults: a 600 s link and an hour's grace.
      const olderThanMs = (600 + 3600) * 1000;
      const now = new Date();
      await q(`UPDATE cases.settlement_attachment SET requested_at = $2 WHERE id = ANY($1::uuid[])`, [
        [stray.id, neverSent.id, stored.id],
        new Date(now.getTime() - olderThanMs - 60_000),
      ]);

      const messaging = h.service.runtime.messaging;
      expect(await sweepAbandonedAttachments(messaging, storage, now, { olderThanMs })).toBe(2);
      const left = await q(`SELECT id FROM cases.settlement_attachment WHERE id = ANY($1::uuid[])`, [
        [stray.id, neverSent.id, fresh.id, stored.id],
      ]);
      expect(left.map((r: { id: string }) => r.id).sort()).toEqual([fresh.id, stored.id].sort());
      expect(await exists(stray.key)).toBe(false);
      expect(await exists(fresh.key)).toBe(true);
      expect(await exists(stored.key)).toBe(true);
      expect(await sweepAbandonedAttachments(messaging, storage, now, { olderThanMs })).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
