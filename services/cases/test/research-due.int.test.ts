import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import type { Identity } from '@zhiyuan/auth';
import { addDays, addMonths, chinaCalendar, courtDate, encodeCursor, startOfCourtDay } from '@zhiyuan/kernel';
import { loadCasesConfig, runSweep, settingsFrom } from '../src';
import { CHANGE, FILE, GET, TAKE_IN } from './factories/graphql';
import {
  enforcementNumber,
  FANGJIAZHUANG,
  GANGKOU,
  BAISHUI,
  HEPING,
  HONGXINGQIAO,
  judgment,
  partyEvent,
  staffEvent,
  startCases,
  type Harness,
} from './factories';

const DUE = `query($d: ID, $before: Date, $first: Int, $after: String) {
  researchDue(divisionCode: $d, before: $before, first: $first, after: $after) {
    totalCount nodes { id nextResearchDue openAssetLeadAt } pageInfo { hasNextPage endCursor } } }`;
const REPORT = `mutation($caseId: ID!, $input: AssetLeadInput!) { reportAssetLead(caseId: $caseId, input: $input) {
  id what where estimatedValueFen source reportedBy reopenedAt case { id openAssetLeadAt } } }`;
const REOPEN = `mutation($leadId: ID!) { reopenFromAssetLead(leadId: $leadId) {
  id state outcome closedAt nextResearchDue openAssetLeadAt assetLeads { id reopenedAt } } }`;
const RESEARCH = `mutation($caseId: ID!, $finding: String!) { recordResearch(caseId: $caseId, finding: $finding) { id nextResearchDue } }`;
const TIMELINE = `query($id: ID!, $locale: Locale) { case(id: $id) { timeline(locale: $locale) { kind actor parameters summary } } }`;

const LEAD = { what: '新购轿车一辆', where: '港口村村口', estimatedValueFen: 8_000_000, source: '村民反映' };

describe('终本 cases: the re-search due list, asset leads and reopening from them', () => {
  let h: Harness;
  const officer = randomUUID();
  const gangkouObligor = randomUUID();
  const hepingObligor = randomUUID();
  const officerId = identity(['ENFORCEMENT_OFFICER'], { sub: officer, divisionCode: HONGXINGQIAO });
  const cadre = identity(['VILLAGE_CADRE'], { sub: randomUUID(), divisionCode: GANGKOU });
  const otherCadre = identity(['VILLAGE_CADRE'], { sub: randomUUID(), divisionCode: BAISHUI });
  const gql = (query: string, variables: Record<string, unknown> = {}, who: Identity | null = ADMIN) =>
    gqlRequest(h.url, query, variables, who as Identity);
  const today = courtDate(new Date());
  const ids = { a: '', b: '', c: '', d: '', open: '' };

  async function terminated(obligor: string, due: string | null): Promise<string> {
    const t = await gql(TAKE_IN, { input: judgment({ obligorIds: [obligor] }) });
    expect(t.errors).toBeUndefined();
    const id = t.data.takeInJudgment.id as string;
    expect((await gql(FILE, { input: { caseId: id, enforcementNumber: enforcementNumber() } })).errors).toBeUndefined();
    expect((await gql(CHANGE, { caseId: id, to: 'IN_PROGRESS', reason: '开始执行' })).errors).toBeUndefined();
    if (due === null) return id;
    const r = await gql(CHANGE, { caseId: id, to: 'TERMINATED_THIS_ROUND', reason: '无可供执行财产' });
    expect(r.data.changeCaseState.nextResearchDue).toBe(addMonths(today, 6));
    // The re-search of a case terminated long ago: its due date is in the past.
    if (due !== addMonths(today, 6))
      await h.service.runtime.ds.query(`UPDATE cases."case" SET next_research_due = $2 WHERE id = $1`, [id, due]);
    return id;
  }

  beforeAll(async () => {
    h = await startCases();
    await h.deliver(partyEvent(gangkouObligor, GANGKOU, HONGXINGQIAO));
    await h.deliver(partyEvent(hepingObligor, FANGJIAZHUANG, HEPING));
    await h.deliver(staffEvent(officer, HONGXINGQIAO));
    ids.a = await terminated(gangkouObligor, '2024-01-01');
    ids.b = await terminated(gangkouObligor, '2024-02-01');
    ids.c = await terminated(gangkouObligor, addMonths(today, 6));
    ids.d = await terminated(hepingObligor, '2024-01-15');
    ids.open = await terminated(gangkouObligor, null);
  });
  afterAll(() => h.stop());

  const dueIds = async (vars: Record<string, unknown> = {}, who: Identity = ADMIN) => {
    const r = await gql(DUE, vars, who);
    expect(r.errors).toBeUndefined();
    return r.data.researchDue.nodes.map((n: { id: string }) => n.id);
  };

  it('lists the terminated cases whose re-search is due, earliest first, in the caller’s scope', async () => {
    expect(await dueIds()).toEqual([ids.a, ids.d, ids.b]);
    expect(await dueIds({ d: HONGXINGQIAO })).toEqual([ids.a, ids.b]);
    expect(await dueIds({ d: FANGJIAZHUANG })).toEqual([ids.d]);
    expect(await dueIds({ before: '2024-01-10' })).toEqual([ids.a]);
    expect(await dueIds({ before: addMonths(today, 6) })).toEqual([ids.a, ids.d, ids.b, ids.c]);
    // The township's officer sees the township's, whatever division is asked for; a village cadre its village.
    expect(await dueIds({}, officerId)).toEqual([ids.a, ids.b]);
    expect(await dueIds({}, cadre)).toEqual([ids.a, ids.b]);
    expect(await dueIds({}, otherCadre)).toEqual([]);
    const r = await gql(DUE, { d: HONGXINGQIAO });
    expect(r.data.researchDue.totalCount).toBe(2);
  });

  it('pages with a cursor, and refuses bad arguments and callers without a role for it', async () => {
    const first = await gql(DUE, { first: 2 });
    expect(first.data.researchDue.pageInfo.hasNextPage).toBe(true);
    expect(first.data.researchDue.totalCount).toBe(3);
    const second = await gql(DUE, { first: 2, after: first.data.researchDue.pageInfo.endCursor });
    expect(second.data.researchDue.nodes.map((n: { id: string }) => n.id)).toEqual([ids.b]);
    expect(second.data.researchDue.pageInfo.hasNextPage).toBe(false);
    const code = async (vars: Record<string, unknown>, who: Identity | null = ADMIN) =>
      (await gql(DUE, vars, who)).errors?.[0]?.extensions;
    expect(await code({ d: '3305' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'divisionCode' });
    expect(await code({ after: encodeCursor(['x', '2024-01-01', 'nope']) })).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'after',
    });
    expect(await code({}, identity(['PARTY'], { partyId: gangkouObligor }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await code({}, identity(['COUNTY_DEPARTMENT']))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await code({}, null)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a lead on a case not terminated, from outside the village, or with bad values, writing nothing', async () => {
    const refused = async (caseId: string, input: Record<string, unknown>, who: Identity) =>
      (await gql(REPORT, { caseId, input }, who)).errors?.[0]?.extensions;
    expect(await refused(ids.open, LEAD, cadre)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'terminated-case' });
    expect(await refused(ids.c, LEAD, otherCadre)).toMatchObject({ code: 'FORBIDDEN' });
    // Out of scope is refused before the values are read.
    expect(await refused(ids.c, { ...LEAD, estimatedValueFen: -1 }, otherCadre)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(ids.c, LEAD, identity(['PARTY'], { partyId: gangkouObligor }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refused(ids.c, { ...LEAD, estimatedValueFen: -1 }, cadre)).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'input.estimatedValueFen',
    });
    expect(await refused(ids.c, { ...LEAD, what: ' ' }, cadre)).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'input.what',
    });
    expect(await h.outbox('cases.asset_lead.reported')).toHaveLength(0);
    const kinds = (await gql(TIMELINE, { id: ids.c })).data.case.timeline.map((t: { kind: string }) => t.kind);
    expect(kinds).not.toContain('ASSET_LEAD_REPORTED');
    expect(await dueIds()).toEqual([ids.a, ids.d, ids.b]);
  });

  let leadId = '';

  it('takes a village’s lead on a terminated case at any time, puts the case first and tells the officer', async () => {
    const r = await gql(REPORT, { caseId: ids.c, input: LEAD }, cadre);
    expect(r.errors).toBeUndefined();
    leadId = r.data.reportAssetLead.id;
    expect(r.data.reportAssetLead).toMatchObject({ ...LEAD, reportedBy: cadre.sub, reopenedAt: null });
    expect(r.data.reportAssetLead.case.openAssetLeadAt).not.toBeNull();
    // Not due for six months, but a lead puts it at the top.
    expect(await dueIds()).toEqual([ids.c, ids.a, ids.d, ids.b]);
    expect(await dueIds({}, officerId)).toEqual([ids.c, ids.a, ids.b]);
    const [event] = await h.outbox('cases.asset_lead.reported', ids.c);
    expect(event!.payload).toMatchObject({
      caseId: ids.c,
      leadId,
      officerId: officer,
      ...LEAD,
      reportedBy: cadre.sub,
      obligorIds: [gangkouObligor],
      villageCode: GANGKOU,
      townshipCode: HONGXINGQIAO,
    });
    const entry = (await gql(TIMELINE, { id: ids.c, locale: 'ZH_CN' })).data.case.timeline.at(-1);
    expect(entry).toMatchObject({ kind: 'ASSET_LEAD_REPORTED', actor: cadre.sub });
    expect(entry.summary).toBe('报告财产线索：港口村村口新购轿车一辆，估值 80,000.00 元（来源：村民反映）');
    const en = (await gql(TIMELINE, { id: ids.c, locale: 'EN' })).data.case.timeline.at(-1);
    expect(en.summary).toBe(
      'Asset lead reported: 新购轿车一辆 at 港口村村口, estimated at ¥80,000.00 (source: 村民反映)',
    );
  });

  it('reopens the case from the lead in one action, the lead carried onto the timeline', async () => {
    expect((await gql(REOPEN, { leadId }, cadre)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await gql(REOPEN, { leadId: randomUUID() }, officerId)).errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await gql(REOPEN, { leadId: 'x' }, officerId)).errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'leadId',
    });
    const r = await gql(REOPEN, { leadId }, officerId);
    expect(r.errors).toBeUndefined();
    expect(r.data.reopenFromAssetLead).toMatchObject({
      id: ids.c,
      state: 'IN_PROGRESS',
      outcome: null,
      closedAt: null,
      nextResearchDue: null,
      openAssetLeadAt: null,
    });
    expect(r.data.reopenFromAssetLead.assetLeads[0].reopenedAt).not.toBeNull();
    expect(await dueIds({ before: addMonths(today, 12) })).toEqual([ids.a, ids.d, ids.b]);
    const timeline = (await gql(TIMELINE, { id: ids.c })).data.case.timeline;
    expect(timeline.at(-1)).toMatchObject({
      kind: 'REOPENED_FROM_ASSET_LEAD',
      actor: officer,
      parameters: { leadId, ...LEAD, reportedBy: cadre.sub },
    });
    expect(timeline.at(-1).summary).toBe(
      '根据财产线索（港口村村口新购轿车一辆，估值 80,000.00 元）恢复执行，案件由「终结本次执行」回到「执行中」',
    );
    expect(timeline.map((t: { kind: string }) => t.kind)).not.toContain('REOPENED');
    const [revived] = await h.outbox('cases.case.revived', ids.c);
    expect(revived!.payload).toMatchObject({ caseId: ids.c, leadId, officerId: officer, estimatedValueFen: 8_000_000 });
    const transitions = await h.outbox('cases.case.transitioned', ids.c);
    expect(transitions.at(-1)!.payload).toMatchObject({ from: 'TERMINATED_THIS_ROUND', to: 'IN_PROGRESS' });
    // Once acted on, the lead reopens nothing again.
    expect((await gql(REOPEN, { leadId }, officerId)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(await h.outbox('cases.case.revived', ids.c)).toHaveLength(1);
  });

  it('records a re-search done: the next falls due six months on and the case leaves the list', async () => {
    expect((await gql(RESEARCH, { caseId: ids.a, finding: '' }, officerId)).errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'finding',
    });
    expect((await gql(RESEARCH, { caseId: ids.a, finding: '查无财产' }, cadre)).errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      (await gql(RESEARCH, { caseId: ids.open, finding: '查无财产' }, officerId)).errors?.[0]?.extensions,
    ).toMatchObject({ code: 'RULE_VIOLATION', rule: 'terminated-case' });
    expect(await h.outbox('cases.research.recorded')).toHaveLength(0);
    const r = await gql(RESEARCH, { caseId: ids.a, finding: '网络查控未发现财产' }, officerId);
    expect(r.errors).toBeUndefined();
    expect(r.data.recordResearch.nextResearchDue).toBe(addMonths(today, 6));
    expect(await dueIds()).toEqual([ids.d, ids.b]);
    const [event] = await h.outbox('cases.research.recorded', ids.a);
    expect(event!.payload).toMatchObject({
      previousDue: '2024-01-01',
      nextResearchDue: addMonths(today, 6),
      officerId: officer,
      finding: '网络查控未发现财产',
    });
    const entry = (await gql(GET, { id: ids.a })).data.case.timeline.at(-1);
    expect(entry).toMatchObject({
      kind: 'RESEARCH_DONE',
      summary: `已完成终本案件财产复查，下次复查日期 ${addMonths(today, 6)}（网络查控未发现财产）`,
    });
  });

  it('announces each due re-search once, on working days of the court calendar', async () => {
    const settings = settingsFrom(loadCasesConfig({ DATABASE_URL: 'postgres://x' }));
    const firstDay = (working: boolean, from = today) => {
      let d = from;
      while (chinaCalendar.isWorkingDay(d) !== working) d = addDays(d, 1);
      return new Date(startOfCourtDay(d).getTime() + 10 * 3600_000);
    };
    const sweep = (at: Date) => runSweep(h.service.runtime.messaging, settings, at);
    // b and d are due; a rest day announces nothing.
    expect((await sweep(firstDay(false))).researchesDue).toBe(0);
    expect(await h.outbox('cases.research.due')).toHaveLength(0);
    const workday = firstDay(true);
    expect((await sweep(workday)).researchesDue).toBe(2);
    expect((await sweep(workday)).researchesDue).toBe(0);
    const due = await h.outbox('cases.research.due');
    expect(due.map((e) => [e.payload.caseId, e.payload.dueDate])).toEqual([
      [ids.d, '2024-01-15'],
      [ids.b, '2024-02-01'],
    ]);
    expect(due[1]!.payload).toMatchObject({ officerId: officer, obligorIds: [gangkouObligor], villageCode: GANGKOU });
    // The re-search done moves the due date on; the new date is announced when it comes, once.
    expect((await gql(RESEARCH, { caseId: ids.d, finding: '查无财产' })).errors).toBeUndefined();
    const later = firstDay(true, addMonths(today, 6));
    expect((await sweep(later)).researchesDue).toBe(2);
    expect((await sweep(later)).researchesDue).toBe(0);
    const again = (await h.outbox('cases.research.due')).slice(2).map((e) => [e.payload.caseId, e.payload.dueDate]);
    expect(again.sort()).toEqual(
      [
        [ids.a, addMonths(today, 6)],
        [ids.d, addMonths(today, 6)],
      ].sort(),
    );
  });
});
