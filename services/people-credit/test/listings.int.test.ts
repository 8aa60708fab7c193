import { randomUUID } from 'node:crypto';
import { chinaCalendar } from '@zhiyuan/kernel';
import { identity, waitFor } from '@zhiyuan/testing';
import { expireListings, loadPeopleCreditConfig, reportOverduePartnerChanges } from '../src';
import { startSchedules } from '../src/schedules';
import { addListing } from '../src/commands/list-dishonest-obligor';
import { monthsAfter } from '../src/domain/listing-rules';
import { bornYearsAgo, residentId } from './factories/ids';
import {
  caseClosed,
  formSubmitted,
  instalmentMissed,
  judgmentEffective,
  performanceRecorded,
} from './factories/events';
import { countStatements, registerPerson, startTestService, type TestService } from './factories/service';

const LIST = `mutation($input: ListDishonestObligorInput!) { listDishonestObligor(input: $input) { id status ground listedAt expiresAt extensionYears measures case { id } } }`;
const REMOVE = `mutation($id: ID!, $input: RemoveListingInput!) { removeListing(id: $id, input: $input) { id status removalGround removedAt } }`;
const BOARD = `query($code: ID!) { exposureBoard(divisionCode: $code) { divisionName level nodes { listingId name gender age idNumberMasked amountOwedFen outstandingFen performedFen conduct caseNumber court listedDate } } }`;
const JUDGE = identity(['JUDGE'], { sub: randomUUID() });
const ANONYMOUS = identity([]);
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

describe('dishonest listing, exposure board and credit links', () => {
  let t: TestService;
  const outboxOf = async (type: string) =>
    (
      await t.service.runtime.ds.query(`SELECT envelope FROM people.outbox_message WHERE type = $1 ORDER BY seq`, [
        type,
      ])
    ).map((r: { envelope: any }) => r.envelope.payload);

  /** An adult obligor with an effective judgment against them, judged by JUDGE. */
  async function obligorWithCase(opts: { birthDate?: string; homeDivisionCode?: string; amountOwedFen?: number } = {}) {
    const idNumber = residentId(opts.birthDate ?? '1980-05-17');
    const party = await registerPerson(t, {
      idNumber,
      homeDivisionCode: opts.homeDivisionCode ?? '330522104201',
      phone: '13911112222',
      address: '港口村1号',
    });
    const obligee = await registerPerson(t, { name: '权利人' });
    const judgment = judgmentEffective({
      obligorIds: [party.id],
      obligeeIds: [obligee.id],
      amountOwedFen: opts.amountOwedFen ?? 5_000_000,
      judgeId: JUDGE.sub,
    });
    await t.deliver(judgment);
    return { party, obligee, caseId: judgment.payload.caseId, caseNumber: judgment.payload.caseNumber };
  }

  async function list(input: Record<string, unknown>, who = JUDGE) {
    return t.gql(LIST, { input: { ground: 'EVADES_BY_FALSE_LITIGATION_OR_HIDING_ASSETS', ...input } }, who);
  }

  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(async () => t.stop());

  describe('listing rules', () => {
    it('lists an adult obligor with an outstanding obligation, with consumption restriction and a 2-year term', async () => {
      const { party, caseId } = await obligorWithCase();
      const r = await list({ partyId: party.id, caseId });
      expect(r.errors).toBeUndefined();
      const l = r.data.listDishonestObligor;
      expect(l).toMatchObject({
        status: 'ACTIVE',
        measures: ['DISHONEST_LIST', 'CONSUMPTION_RESTRICTION'],
        extensionYears: null,
        case: { id: caseId },
      });
      expect(new Date(l.expiresAt).getTime() - new Date(l.listedAt).getTime()).toBeCloseTo(2 * YEAR_MS, -9);
      const [added] = (await outboxOf('credit.listing.added')).filter((e: any) => e.listingId === l.id);
      expect(added).toMatchObject({
        partyId: party.id,
        caseId,
        villageCode: '330522104201',
        townshipCode: '330522104',
        measures: ['DISHONEST_LIST', 'CONSUMPTION_RESTRICTION'],
      });
    });

    it('gives "able but refuses" no fixed term and an extension 2 more years with a reason', async () => {
      const a = await obligorWithCase();
      const refuses = await list({ partyId: a.party.id, caseId: a.caseId, ground: 'ABLE_BUT_REFUSES' });
      expect(refuses.data.listDishonestObligor.expiresAt).toBeNull();
      const b = await obligorWithCase();
      const extended = await list({
        partyId: b.party.id,
        caseId: b.caseId,
        ground: 'OBSTRUCTS_BY_FORGERY_VIOLENCE_OR_THREATS',
        extensionYears: 2,
        extensionReason: '暴力抗拒执行',
      });
      const l = extended.data.listDishonestObligor;
      expect(l.extensionYears).toBe(2);
      expect(new Date(l.expiresAt).getTime() - new Date(l.listedAt).getTime()).toBeCloseTo(4 * YEAR_MS, -9);
      const c = await obligorWithCase();
      const noReason = await list({ partyId: c.party.id, caseId: c.caseId, extensionYears: 1 });
      expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'extensionReason' });
      const tooLong = await list({ partyId: c.party.id, caseId: c.caseId, extensionYears: 4, extensionReason: 'x' });
      expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'extensionYears' });
      const later = await list({ partyId: c.party.id, caseId: c.caseId });
      const ext = await t.gql(
        `mutation($id: ID!) { extendListing(id: $id, years: 3, reason: "多次违反") { extensionYears expiresAt listedAt } }`,
        { id: later.data.listDishonestObligor.id },
        JUDGE,
      );
      expect(
        new Date(ext.data.extendListing.expiresAt).getTime() - new Date(ext.data.extendListing.listedAt).getTime(),
      ).toBeCloseTo(5 * YEAR_MS, -9);
      // The audit entry names the changed fields, before and after.
      const [extension] = (await outboxOf('audit.entry.recorded')).filter(
        (e: any) => e.operation === 'extendListing' && e.targetId === later.data.listDishonestObligor.id,
      );
      expect(extension.changes).toEqual([
        { field: 'extensionYears', before: null, after: 3 },
        { field: 'extensionReason', before: null, after: '多次违反' },
        { field: 'expiresAt', before: expect.any(String), after: ext.data.extendListing.expiresAt },
      ]);
      const noTerm = await t.gql(
        `mutation($id: ID!) { extendListing(id: $id, years: 1, reason: "x") { id } }`,
        { id: refuses.data.listDishonestObligor.id },
        JUDGE,
      );
      expect(noTerm.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'NO_FIXED_TERM' });
    });

    it('refuses a case without a known judgment, a party that is not an obligor, and a duplicate', async () => {
      const { party, obligee, caseId } = await obligorWithCase();
      expect((await list({ partyId: party.id, caseId: randomUUID() })).errors?.[0]?.extensions).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'CASE_UNKNOWN',
      });
      expect((await list({ partyId: obligee.id, caseId })).errors?.[0]?.extensions).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'NOT_AN_OBLIGOR',
      });
      expect((await list({ partyId: party.id, caseId })).errors).toBeUndefined();
      expect((await list({ partyId: party.id, caseId })).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    });

    it('refuses a minor and lists the same person once of age', async () => {
      const minor = await obligorWithCase({ birthDate: bornYearsAgo(16) });
      const r = await list({ partyId: minor.party.id, caseId: minor.caseId });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'MINOR' });
      expect(
        Number(
          (
            await t.service.runtime.ds.query(`SELECT count(*) AS n FROM people.dishonest_listing WHERE party_id = $1`, [
              minor.party.id,
            ])
          )[0].n,
        ),
      ).toBe(0);
      const adult = await obligorWithCase({ birthDate: bornYearsAgo(18) });
      expect((await list({ partyId: adult.party.id, caseId: adult.caseId })).errors).toBeUndefined();
    });

    it('refuses an obligor without an outstanding obligation', async () => {
      const { party, caseId } = await obligorWithCase();
      await t.deliver(performanceRecorded({ caseId, obligorIds: [party.id], outstandingFen: 0, amountFen: 5_000_000 }));
      expect((await list({ partyId: party.id, caseId })).errors?.[0]?.extensions).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'NO_OUTSTANDING_OBLIGATION',
      });
      const closed = await obligorWithCase();
      await t.deliver(caseClosed({ caseId: closed.caseId, obligorIds: [closed.party.id] }));
      expect((await list({ partyId: closed.party.id, caseId: closed.caseId })).errors?.[0]?.extensions).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'NO_OUTSTANDING_OBLIGATION',
      });
    });

    it('refuses during a grace period (from a declaration) and allows once the profile changes', async () => {
      const { party, caseId } = await obligorWithCase();
      await t.deliver(
        formSubmitted({ partyId: party.id, summary: { monthlyIncomeFen: 120_000, assetsValueFen: 0, dependants: 2 } }),
      );
      const profile = await t.gql(
        `query($id: ID!) { party(id: $id) { creditProfile { classification reasonCodes graceUntil } creditProfileHistory { classification } } }`,
        { id: party.id },
      );
      expect(profile.data.party.creditProfile).toMatchObject({
        classification: 'HONEST_IN_DIFFICULTY',
        reasonCodes: expect.arrayContaining(['DECLARED_PROPERTY', 'GRACE_3_MONTHS']),
      });
      expect(profile.data.party.creditProfileHistory.map((p: any) => p.classification)).toEqual([
        'HONEST_IN_DIFFICULTY',
        'COMPLIANT',
      ]);
      const r = await list({ partyId: party.id, caseId });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'GRACE_PERIOD' });
      // Two missed instalments make the obligor EVASIVE: the grace period no longer protects them.
      await t.deliver(instalmentMissed({ caseId, obligorIds: [party.id], instalmentNo: 1 }));
      await t.deliver(instalmentMissed({ caseId, obligorIds: [party.id], instalmentNo: 2 }));
      const evasive = await t.gql(
        `query($id: ID!) { party(id: $id) { creditProfile { classification reasonCodes } } }`,
        { id: party.id },
      );
      expect(evasive.data.party.creditProfile).toEqual({
        classification: 'EVASIVE',
        reasonCodes: ['MISSED_INSTALMENTS', 'RECOMMEND_COERCIVE_MEASURES'],
      });
      // Each reason reads in Chinese by default, in English by argument or by Accept-Language.
      const REASONS = `query($id: ID!) { party(id: $id) { creditProfile { reasons { code text } en: reasons(locale: EN) { text } } } }`;
      const zh = (await t.gql(REASONS, { id: party.id })).data.party.creditProfile;
      expect(zh.reasons).toEqual([
        { code: 'MISSED_INSTALMENTS', text: '两期以上分期款未按期履行' },
        { code: 'RECOMMEND_COERCIVE_MEASURES', text: '建议采取强制执行措施' },
      ]);
      expect(zh.en).toEqual([
        { text: 'Two or more instalments missed' },
        { text: 'Coercive measures are recommended' },
      ]);
      const byHeader = (await t.gql(REASONS, { id: party.id }, undefined, { 'accept-language': 'en-GB' })).data.party
        .creditProfile;
      expect(byHeader.reasons.map((r: { text: string }) => r.text)).toEqual([
        'Two or more instalments missed',
        'Coercive measures are recommended',
      ]);
      expect((await list({ partyId: party.id, caseId })).errors).toBeUndefined();
    });

    it('refuses an obligor classified UNABLE, and a judge override with a reason changes it', async () => {
      const { party, caseId } = await obligorWithCase();
      await t.gql(`mutation($id: ID!) { updateParty(id: $id, input: { seriousIllness: true }) { id } }`, {
        id: party.id,
      });
      expect((await list({ partyId: party.id, caseId })).errors?.[0]?.extensions).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'UNABLE_TO_PERFORM',
      });
      const noReason = await t.gql(
        `mutation($id: ID!) { overrideCreditProfile(partyId: $id, input: { classification: EVASIVE, reason: "" }) { id } }`,
        { id: party.id },
        JUDGE,
      );
      expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
      const cadre = await t.gql(
        `mutation($id: ID!) { overrideCreditProfile(partyId: $id, input: { classification: EVASIVE, reason: "x" }) { id } }`,
        { id: party.id },
        identity(['VILLAGE_CADRE'], { divisionCode: '330522104201' }),
      );
      expect(cadre.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const o = await t.gql(
        `mutation($id: ID!) { overrideCreditProfile(partyId: $id, input: { classification: EVASIVE, reason: "隐匿财产，病情已愈" }) { classification overridden overrideReason } }`,
        { id: party.id },
        JUDGE,
      );
      expect(o.data.overrideCreditProfile).toEqual({
        classification: 'EVASIVE',
        overridden: true,
        overrideReason: '隐匿财产，病情已愈',
      });
      expect((await list({ partyId: party.id, caseId })).errors).toBeUndefined();
      const classified = (await outboxOf('credit.profile.classified')).filter((e: any) => e.partyId === party.id);
      expect(classified.map((e: any) => [e.classification, e.overridden])).toEqual([
        ['COMPLIANT', false],
        ['UNABLE', false],
        ['EVASIVE', true],
      ]);
    });

    it('blocks a rights holder from re-listing within 6 months of their own deletion request', async () => {
      const { party, obligee, caseId } = await obligorWithCase();
      const first = await list({ partyId: party.id, caseId, applicantPartyId: obligee.id });
      const removed = await t.gql(
        REMOVE,
        {
          id: first.data.listDishonestObligor.id,
          input: { ground: 'RIGHTS_HOLDER_REQUEST', requestedByPartyId: obligee.id },
        },
        JUDGE,
      );
      expect(removed.data.removeListing).toMatchObject({ status: 'REMOVED', removalGround: 'RIGHTS_HOLDER_REQUEST' });
      const [audit] = (await outboxOf('audit.entry.recorded')).filter(
        (e: any) => e.operation === 'removeListing' && e.targetId === first.data.listDishonestObligor.id,
      );
      expect(audit.changes).toEqual([
        { field: 'status', before: 'ACTIVE', after: 'REMOVED' },
        { field: 'removalGround', before: null, after: 'RIGHTS_HOLDER_REQUEST' },
        { field: 'removedAt', before: null, after: removed.data.removeListing.removedAt },
      ]);
      const again = await list({ partyId: party.id, caseId, applicantPartyId: obligee.id });
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'RELISTING_BLOCKED' });
      // The court may still list on its own initiative.
      expect((await list({ partyId: party.id, caseId })).errors).toBeUndefined();
    });

    it('lets the same rights holder have the obligor re-listed once 6 months have passed since their deletion request', async () => {
      const { party, obligee, caseId } = await obligorWithCase();
      const first = await list({ partyId: party.id, caseId, applicantPartyId: obligee.id });
      const removed = await t.gql(
        REMOVE,
        {
          id: first.data.listDishonestObligor.id,
          input: { ground: 'RIGHTS_HOLDER_REQUEST', requestedByPartyId: obligee.id },
        },
        JUDGE,
      );
      const removedAt = new Date(removed.data.removeListing.removedAt);
      const relist = (now: Date) =>
        t.service.runtime.messaging.transaction((m, emit) =>
          addListing(
            m,
            emit,
            { partyId: party.id, caseId, ground: 'ABLE_BUT_REFUSES', applicantPartyId: obligee.id },
            JUDGE.sub,
            now,
          ),
        );
      const justBefore = new Date(monthsAfter(removedAt, 6).getTime() - 60_000);
      await expect(relist(justBefore)).rejects.toMatchObject({
        extensions: { code: 'RULE_VIOLATION', rule: 'RELISTING_BLOCKED' },
      });
      const active = async () =>
        Number(
          (
            await t.service.runtime.ds.query(
              `SELECT count(*) AS n FROM people.dishonest_listing WHERE party_id = $1 AND status = 'ACTIVE'`,
              [party.id],
            )
          )[0].n,
        );
      expect(await active()).toBe(0);
      const after = new Date(monthsAfter(removedAt, 6).getTime() + 60_000);
      const l = await relist(after);
      expect(l).toMatchObject({ status: 'ACTIVE', applicantPartyId: obligee.id });
      expect(l.listedAt.toISOString()).toBe(after.toISOString());
      expect(await active()).toBe(1);
    });

    it('lets only court users list, and an enforcement officer only in their township', async () => {
      const { party, caseId } = await obligorWithCase();
      const cadre = await list(
        { partyId: party.id, caseId },
        identity(['VILLAGE_CADRE'], { divisionCode: '330522104201' }),
      );
      expect(cadre.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const elsewhere = await list(
        { partyId: party.id, caseId },
        identity(['ENFORCEMENT_OFFICER'], { divisionCode: '330522106' }),
      );
      expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const own = await list(
        { partyId: party.id, caseId },
        identity(['ENFORCEMENT_OFFICER'], { divisionCode: '330522104' }),
      );
      expect(own.errors).toBeUndefined();
    });
  });

  describe('removal', () => {
    it('removes at once on full performance: board entry gone, every department link cleared', async () => {
      const { party, caseId } = await obligorWithCase({ homeDivisionCode: '330522106201' });
      const l = (await list({ partyId: party.id, caseId })).data.listDishonestObligor;
      const board = await t.gql(BOARD, { code: '330522106201' }, ANONYMOUS);
      expect(board.data.exposureBoard.nodes.map((n: any) => n.listingId)).toContain(l.id);
      const links = await t.gql(`query($id: ID!) { party(id: $id) { creditLinks { department status } } }`, {
        id: party.id,
      });
      expect(links.data.party.creditLinks).toEqual(
        ['BANK_LOAN', 'CIVILIZED_HOUSEHOLD', 'ENLISTMENT', 'PARTY_MEMBERSHIP'].map((department) => ({
          department,
          status: 'RESTRICTED',
        })),
      );

      await t.deliver(performanceRecorded({ caseId, obligorIds: [party.id], outstandingFen: 1_000_000 }));
      expect(
        (await t.gql(BOARD, { code: '330522106201' }, ANONYMOUS)).data.exposureBoard.nodes.find(
          (n: any) => n.listingId === l.id,
        ),
      ).toMatchObject({ outstandingFen: 1_000_000, performedFen: 4_000_000 });
      await t.deliver(performanceRecorded({ caseId, obligorIds: [party.id], outstandingFen: 0 }));

      const after = await t.gql(
        `query($id: ID!) { listing(id: $id) { status removalGround } party(id: "${party.id}") { creditLinks { status history { status reason } } } }`,
        { id: l.id },
      );
      expect(after.data.listing).toEqual({ status: 'REMOVED', removalGround: 'FULL_PERFORMANCE' });
      expect(after.data.party.creditLinks.map((c: any) => c.status)).toEqual(['CLEAR', 'CLEAR', 'CLEAR', 'CLEAR']);
      expect(after.data.party.creditLinks[0].history).toEqual([
        { status: 'RESTRICTED', reason: 'LISTED:EVADES_BY_FALSE_LITIGATION_OR_HIDING_ASSETS' },
        { status: 'CLEAR', reason: 'REMOVED:FULL_PERFORMANCE' },
      ]);
      // The same in words, in Chinese by default and in English by argument.
      const words = await t.gql(
        `query($id: ID!) { listing(id: $id) { groundText removalGroundText en: removalGroundText(locale: EN) }
          party(id: "${party.id}") { creditLinks { history { reasonText en: reasonText(locale: EN) } } } }`,
        { id: l.id },
      );
      expect(words.data.listing).toEqual({
        groundText: '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行',
        removalGroundText: '已全部履行',
        en: 'Performed in full',
      });
      expect(words.data.party.creditLinks[0].history).toEqual([
        {
          reasonText: '纳入失信名单：以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行',
          en: 'Listed: Evades enforcement by false litigation or by hiding assets',
        },
        { reasonText: '移出失信名单：已全部履行', en: 'Removed: Performed in full' },
      ]);
      expect(
        (await t.gql(BOARD, { code: '330522106201' }, ANONYMOUS)).data.exposureBoard.nodes.map((n: any) => n.listingId),
      ).not.toContain(l.id);
      const changes = (await outboxOf('credit.link.changed')).filter((e: any) => e.partyId === party.id);
      expect(changes).toHaveLength(8);
      const removedEvents = (await outboxOf('credit.listing.removed')).filter((e: any) => e.listingId === l.id);
      expect(removedEvents).toEqual([expect.objectContaining({ removalGround: 'FULL_PERFORMANCE' })]);
    });

    it('removes when the case closes, with the ground of the outcome', async () => {
      const a = await obligorWithCase();
      const la = (await list({ partyId: a.party.id, caseId: a.caseId })).data.listDishonestObligor;
      await t.deliver(caseClosed({ caseId: a.caseId, obligorIds: [a.party.id], outcome: 'TERMINATED_THIS_ROUND' }));
      const b = await obligorWithCase();
      const lb = (await list({ partyId: b.party.id, caseId: b.caseId })).data.listDishonestObligor;
      await t.deliver(caseClosed({ caseId: b.caseId, obligorIds: [b.party.id], outcome: 'SETTLED_AND_PERFORMED' }));
      const r = await t.gql(
        `query($a: ID!, $b: ID!) { a: listing(id: $a) { removalGround } b: listing(id: $b) { removalGround } }`,
        { a: la.id, b: lb.id },
      );
      expect(r.data).toEqual({ a: { removalGround: 'CASE_CLOSED' }, b: { removalGround: 'SETTLED_AND_PERFORMED' } });
    });

    it('a redelivered performance event changes nothing', async () => {
      const { party, caseId } = await obligorWithCase();
      await list({ partyId: party.id, caseId });
      const ev = performanceRecorded({ caseId, obligorIds: [party.id], outstandingFen: 0 });
      expect(await t.deliver(ev)).toBe(true);
      expect(await t.deliver(ev)).toBe(false);
      expect(
        (await outboxOf('credit.link.changed')).filter((e: any) => e.partyId === party.id && e.status === 'CLEAR'),
      ).toHaveLength(4);
    });

    it('the expiry sweep removes an expired listing exactly once, even when run twice', async () => {
      const { party, caseId } = await obligorWithCase();
      const l = (await list({ partyId: party.id, caseId })).data.listDishonestObligor;
      const tooEarly = await expireListings(t.service.runtime.messaging, new Date(Date.now() + 1.9 * YEAR_MS));
      expect(tooEarly).toBe(0);
      const later = new Date(Date.now() + 2.1 * YEAR_MS);
      const [first, second] = await Promise.all([
        expireListings(t.service.runtime.messaging, later),
        expireListings(t.service.runtime.messaging, later),
      ]);
      const third = await expireListings(t.service.runtime.messaging, later);
      expect(first + second + third).toBeGreaterThanOrEqual(1);
      expect((await outboxOf('credit.listing.removed')).filter((e: any) => e.listingId === l.id)).toEqual([
        expect.objectContaining({ removalGround: 'EXPIRED' }),
      ]);
      expect(
        (await outboxOf('credit.link.changed')).filter((e: any) => e.partyId === party.id && e.status === 'CLEAR'),
      ).toHaveLength(4);
    });
  });

  it('the scheduler runs the sweeps on their interval with the given clock, and its stop hook ends them', async () => {
    const { party, caseId } = await obligorWithCase();
    const l = (await list({ partyId: party.id, caseId })).data.listDishonestObligor;
    const config = loadPeopleCreditConfig({
      DATABASE_URL: t.db.url,
      LISTING_EXPIRY_SWEEP_INTERVAL_MS: '20',
      PARTNER_OVERDUE_SWEEP_INTERVAL_MS: '20',
    });
    const stop = startSchedules(t.service.runtime, config, () => new Date(Date.now() + 3 * YEAR_MS));
    try {
      await waitFor(
        async () =>
          (await t.gql(`query($id: ID!) { listing(id: $id) { status } }`, { id: l.id })).data.listing.status ===
          'REMOVED',
        { what: 'expiry by the scheduler' },
      );
      await waitFor(async () => (await outboxOf('credit.partner.overdue')).some((o: any) => o.changeIds.length > 0), {
        what: 'overdue report by the scheduler',
      });
    } finally {
      await stop();
    }
    expect((await outboxOf('credit.listing.removed')).filter((e: any) => e.listingId === l.id)).toEqual([
      expect.objectContaining({ removalGround: 'EXPIRED' }),
    ]);
  });

  describe('public exposure board', () => {
    it('is readable anonymously per village and township, masked, without address or phone', async () => {
      const { party, caseId, caseNumber } = await obligorWithCase({
        birthDate: '1990-01-01',
        homeDivisionCode: '330522104202',
      });
      await list({ partyId: party.id, caseId });
      const village = await t.gql(BOARD, { code: '330522104202' }, ANONYMOUS);
      expect(village.errors).toBeUndefined();
      const entry = village.data.exposureBoard.nodes.find((n: any) => n.caseNumber === caseNumber);
      expect(entry).toMatchObject({
        name: '张三',
        gender: 'MALE',
        idNumberMasked: `${party.idNumber.slice(0, 10)}****${party.idNumber.slice(14)}`,
        amountOwedFen: 5_000_000,
        court: '长兴县人民法院',
        conduct: 'EVADES_BY_FALSE_LITIGATION_OR_HIDING_ASSETS',
      });
      expect(village.data.exposureBoard).toMatchObject({ divisionName: '白水村', level: 'VILLAGE' });
      const township = await t.gql(BOARD, { code: '330522104' }, ANONYMOUS);
      expect(township.data.exposureBoard.nodes.map((n: any) => n.caseNumber)).toContain(caseNumber);
      for (const body of [JSON.stringify(village), JSON.stringify(township)]) {
        expect(body).not.toContain(party.idNumber);
        expect(body).not.toContain('港口村1号');
        expect(body).not.toContain('13911112222');
      }
    });

    it('no query path returns the full ID number to a caller outside scope, including _entities and listings', async () => {
      const { party, caseId } = await obligorWithCase({ homeDivisionCode: '330522104202' });
      const l = (await list({ partyId: party.id, caseId })).data.listDishonestObligor;
      const outsider = identity(['VILLAGE_CADRE'], { divisionCode: '330522106201' });
      const q = `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Party { idNumber idNumberMasked phone address listings { id } }
        ... on Case { listings { id party { idNumber phone address } } } } }`;
      const r = await t.gql(
        q,
        {
          r: [
            { __typename: 'Party', id: party.id },
            { __typename: 'Case', id: caseId },
          ],
        },
        outsider,
      );
      expect(JSON.stringify(r)).not.toContain(party.idNumber);
      expect(r.data._entities[1].listings).toEqual([]);
      const judgeView = await t.gql(q, { r: [{ __typename: 'Case', id: caseId }] }, JUDGE);
      expect(judgeView.data._entities[0].listings).toEqual([
        { id: l.id, party: { idNumber: party.idNumber, phone: '13911112222', address: '港口村1号' } },
      ]);
      const anon = await t.gql(q, { r: [{ __typename: 'Party', id: party.id }] }, ANONYMOUS);
      expect(JSON.stringify(anon)).not.toContain(party.idNumber);
      const anonEverythingElse = await t.gql(`{ listings { nodes { id } } }`, {}, ANONYMOUS);
      expect(anonEverythingElse.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('answers a page of the board in a bounded number of statements', async () => {
      for (let i = 0; i < 4; i++) {
        const o = await obligorWithCase({ homeDivisionCode: '330522109205' });
        await list({ partyId: o.party.id, caseId: o.caseId });
      }
      const q = `query($n: Int!) { exposureBoard(divisionCode: "330522109", first: $n) { nodes { name idNumberMasked caseNumber } } }`;
      const small = await countStatements(t, () => t.gql(q, { n: 1 }, ANONYMOUS));
      const big = await countStatements(t, () => t.gql(q, { n: 50 }, ANONYMOUS));
      expect(big.result.data.exposureBoard.nodes).toHaveLength(4);
      expect(big.statements).toBe(small.statements);
      expect(big.statements).toBeLessThanOrEqual(2);
    });

    it("moves an active listing to the board of the obligor's new home division", async () => {
      const { party, caseId } = await obligorWithCase({ homeDivisionCode: '330522105201' });
      const l = (await list({ partyId: party.id, caseId })).data.listDishonestObligor;
      await t.gql(`mutation($id: ID!) { updateParty(id: $id, input: { homeDivisionCode: "330522107203" }) { id } }`, {
        id: party.id,
      });
      const ids = async (code: string) =>
        (await t.gql(BOARD, { code }, ANONYMOUS)).data.exposureBoard.nodes.map((n: any) => n.listingId);
      expect(await ids('330522105201')).not.toContain(l.id);
      expect(await ids('330522105')).not.toContain(l.id);
      expect(await ids('330522107203')).toContain(l.id);
    });

    it('resolves listings and party references in a bounded number of statements', async () => {
      const q = `query($n: Int!) { listings(first: $n) { nodes { id ground party { name idNumber homeDivision { name } creditProfile { classification } } case { id } } } }`;
      const small = await countStatements(t, () => t.gql(q, { n: 1 }));
      const big = await countStatements(t, () => t.gql(q, { n: 40 }));
      expect(big.result.data.listings.nodes.length).toBeGreaterThan(10);
      expect(big.statements).toBe(small.statements);
      const ids = big.result.data.listings.nodes.map((n: any) => n.case.id);
      const refs = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { listings { party { name } } } } }`;
      const one = await countStatements(t, () =>
        t.gql(refs, { r: ids.slice(0, 1).map((id: string) => ({ __typename: 'Case', id })) }),
      );
      const many = await countStatements(t, () =>
        t.gql(refs, { r: ids.map((id: string) => ({ __typename: 'Case', id })) }),
      );
      expect(many.result.data._entities).toHaveLength(ids.length);
      expect(many.statements).toBe(one.statements);
    });

    it('refuses an unknown division with NOT_FOUND', async () => {
      const r = await t.gql(BOARD, { code: '330522999' }, ANONYMOUS);
      expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('partner departments', () => {
    it('a partner sees the status for its own department only, by ID number, without case details', async () => {
      const { party, caseId } = await obligorWithCase();
      await list({ partyId: party.id, caseId });
      const bank = identity(['PARTNER'], { department: 'BANK_LOAN' });
      const q = `query($id: String!, $d: PartnerDepartment) { partnerCreditStatus(idNumber: $id, department: $d) { department status idNumberMasked } }`;
      const own = await t.gql(q, { id: party.idNumber }, bank);
      expect(own.data.partnerCreditStatus).toEqual({
        department: 'BANK_LOAN',
        status: 'RESTRICTED',
        idNumberMasked: `${party.idNumber.slice(0, 10)}****${party.idNumber.slice(14)}`,
      });
      const malformed = await t.gql(q, { id: '330522' }, bank);
      expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'idNumber' });
      const unknown = await t.gql(q, { id: residentId('1970-01-01') }, bank);
      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const other = await t.gql(q, { id: party.idNumber, d: 'ENLISTMENT' }, bank);
      expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const listings = await t.gql(`{ listings { nodes { id } } }`, {}, bank);
      expect(listings.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // A county department works its tasks only: no listings, not even through a case reference.
      const department = identity(['COUNTY_DEPARTMENT'], { divisionCode: '330522' });
      expect((await t.gql(`{ listings { nodes { id } } }`, {}, department)).errors?.[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
      const viaCase = await t.gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { listings { id } } } }`,
        { r: [{ __typename: 'Case', id: caseId }] },
        department,
      );
      expect(viaCase.data._entities[0].listings).toEqual([]);
      const judgeSees = await t.gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { listings { id } } } }`,
        { r: [{ __typename: 'Case', id: caseId }] },
        JUDGE,
      );
      expect(judgeSees.data._entities[0].listings).toHaveLength(1);
    });

    it('unacknowledgedCreditChanges(olderThanWorkingDays: 3) answers only the changes older than 3 working days', async () => {
      const { party, caseId } = await obligorWithCase();
      await list({ partyId: party.id, caseId });
      const bank = identity(['PARTNER'], { department: 'BANK_LOAN' });
      const q = `query($d: Int) { unacknowledgedCreditChanges(olderThanWorkingDays: $d, first: 500) { nodes { id department changedAt } } }`;
      const mine = (await t.gql(q, { d: null }, bank)).data.unacknowledgedCreditChanges.nodes.map((n: any) => n.id);
      const [change] = (await t.service.runtime.ds.query(
        `SELECT id FROM people.credit_link_change WHERE party_id = $1 AND department = 'BANK_LOAN'`,
        [party.id],
      )) as { id: string }[];
      expect(mine).toContain(change!.id);
      const at = async (changedAt: Date) =>
        t.service.runtime.ds.query(`UPDATE people.credit_link_change SET changed_at = $2 WHERE id = $1`, [
          change!.id,
          changedAt,
        ]);
      const ids = async (d: number) =>
        (await t.gql(q, { d }, bank)).data.unacknowledgedCreditChanges.nodes.map((n: any) => n.id);
      // Fresh: not older than 3 working days.
      expect(await ids(3)).not.toContain(change!.id);
      // Just inside the 3 working days (China's working days): still not listed.
      await at(new Date(chinaCalendar.shiftWorkingDays(new Date(), -3).getTime() + 3_600_000));
      expect(await ids(3)).not.toContain(change!.id);
      // Just older than 3 working days: listed, with its department only.
      await at(new Date(chinaCalendar.shiftWorkingDays(new Date(), -3).getTime() - 3_600_000));
      const older = await t.gql(q, { d: 3 }, bank);
      expect(older.data.unacknowledgedCreditChanges.nodes.map((n: any) => n.id)).toContain(change!.id);
      expect(
        older.data.unacknowledgedCreditChanges.nodes.every(
          (n: any) =>
            n.department === 'BANK_LOAN' && new Date(n.changedAt) < chinaCalendar.shiftWorkingDays(new Date(), -3),
        ),
      ).toBe(true);
      expect(await ids(10)).not.toContain(change!.id);
      // Acknowledged: gone from the answer.
      await t.gql(`mutation($id: ID!) { acknowledgeCreditChange(changeId: $id) { id } }`, { id: change!.id }, bank);
      expect(await ids(3)).not.toContain(change!.id);
      const bad = await t.gql(q, { d: -1 }, bank);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'olderThanWorkingDays' });
    });

    it('acknowledges a change once, only by its department, and reports overdue changes once', async () => {
      const { party, caseId } = await obligorWithCase();
      await list({ partyId: party.id, caseId });
      const bank = identity(['PARTNER'], { department: 'BANK_LOAN', sub: 'bank-user' });
      const pending = await t.gql(
        `{ unacknowledgedCreditChanges(first: 500) { nodes { id department status idNumberMasked } } }`,
        {},
        bank,
      );
      const mine = pending.data.unacknowledgedCreditChanges.nodes.filter(
        (n: any) => n.idNumberMasked === `${party.idNumber.slice(0, 10)}****${party.idNumber.slice(14)}`,
      );
      expect(mine.length).toBeGreaterThan(0);
      expect(pending.data.unacknowledgedCreditChanges.nodes.every((n: any) => n.department === 'BANK_LOAN')).toBe(true);
      const change = mine.at(-1);
      const army = await t.gql(
        `mutation($id: ID!) { acknowledgeCreditChange(changeId: $id) { id } }`,
        { id: change.id },
        identity(['PARTNER'], { department: 'ENLISTMENT' }),
      );
      expect(army.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const ack = await t.gql(
        `mutation($id: ID!) { acknowledgeCreditChange(changeId: $id) { acknowledgedBy acknowledgedAt } }`,
        { id: change.id },
        bank,
      );
      expect(ack.data.acknowledgeCreditChange.acknowledgedBy).toBe('bank-user');
      await t.gql(`mutation($id: ID!) { acknowledgeCreditChange(changeId: $id) { id } }`, { id: change.id }, bank);
      expect((await outboxOf('credit.partner.acknowledged')).filter((e: any) => e.changeId === change.id)).toHaveLength(
        1,
      );

      const earlier = (await outboxOf('credit.partner.overdue')).length;
      expect(
        await reportOverduePartnerChanges(t.service.runtime.messaging, new Date(Date.now() + 2 * 24 * 3600 * 1000), 3),
      ).toBe(0);
      const later = new Date(Date.now() + 8 * 24 * 3600 * 1000);
      expect(await reportOverduePartnerChanges(t.service.runtime.messaging, later, 3)).toBeGreaterThan(0);
      expect(await reportOverduePartnerChanges(t.service.runtime.messaging, later, 3)).toBe(0);
      const overdue = (await outboxOf('credit.partner.overdue')).slice(earlier);
      expect(overdue.map((o: any) => o.department).sort()).toEqual([
        'BANK_LOAN',
        'CIVILIZED_HOUSEHOLD',
        'ENLISTMENT',
        'PARTY_MEMBERSHIP',
      ]);
      expect(overdue.find((o: any) => o.department === 'BANK_LOAN').changeIds).not.toContain(change.id);
    });
  });
});
