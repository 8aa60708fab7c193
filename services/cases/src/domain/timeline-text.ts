import { formatYuan, localizedErrorMessage, type Locale, type LocalizedMessage } from '@zhiyuan/kernel';

/**
 * The text of a timeline entry in the reader's language, made from its kind and parameters: names
 * of staff and divisions instead of ids and codes, amounts in 元 with two decimals, states and reasons
 * in words. Pure: the names come in already looked up.
 */
export interface TimelineNames {
  /** A staff member's name, or null when this service has not heard of them. */
  staff(id: string): string | null;
  /** A division's name, or null when unknown (the code is shown instead). */
  division(code: string): string | null;
}

/** Every kind of entry a case's timeline holds. */
export const TIMELINE_KINDS = [
  'JUDGMENT_EFFECTIVE',
  'URGING_STARTED',
  'URGING_ENDED',
  'ENFORCEMENT_FILED',
  'OFFICER_ASSIGNED',
  'REROUTED',
  'STATE_CHANGED',
  'PAYMENT_RECORDED',
  'PAYMENT_REFUSED',
  'PAYMENT_REVERSED',
  'SETTLEMENT_AGREED',
  'SETTLEMENT_REFUSED',
  'SETTLEMENT_BROKEN',
  'INSTALMENT_MISSED',
  'CLOSED',
  'REOPENED',
  'PROPOSAL_SUBMITTED',
  'PROPOSAL_ANSWERED',
  'PROPOSAL_DECIDED',
  'PROPOSAL_EXPIRED',
  'ASSET_LEAD_REPORTED',
  'REOPENED_FROM_ASSET_LEAD',
  'RESEARCH_DONE',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

type Params = Record<string, unknown>;
type Words = Readonly<Record<string, Readonly<Record<Locale, string>>>>;

export const CASE_STATE_WORDS: Words = {
  EFFECTIVE: { 'zh-CN': '裁判生效', en: 'judgment effective' },
  URGING: { 'zh-CN': '执前督促', en: 'pre-enforcement urging' },
  PERFORMED_AFTER_URGING: { 'zh-CN': '督促后履行', en: 'performed after urging' },
  ENFORCEMENT_FILED: { 'zh-CN': '已立案执行', en: 'filed for enforcement' },
  IN_PROGRESS: { 'zh-CN': '执行中', en: 'in progress' },
  SETTLED: { 'zh-CN': '执行和解', en: 'settled' },
  COMPLETED: { 'zh-CN': '执行完毕', en: 'completed' },
  TERMINATED_THIS_ROUND: { 'zh-CN': '终结本次执行', en: 'terminated for this round' },
  EXITED: { 'zh-CN': '退出执行程序', en: 'exited from enforcement' },
  WITHDRAWN: { 'zh-CN': '撤回执行申请', en: 'withdrawn' },
};

export const OUTCOME_WORDS: Words = {
  PERFORMED_AFTER_URGING: { 'zh-CN': '督促后履行完毕', en: 'performed in full after urging' },
  COMPLETED: { 'zh-CN': '执行完毕', en: 'performed in full' },
  SETTLED_AND_PERFORMED: { 'zh-CN': '和解协议履行完毕', en: 'settlement performed' },
  TERMINATED_THIS_ROUND: { 'zh-CN': '终结本次执行程序', en: 'terminated for this round' },
  EXITED: { 'zh-CN': '退出执行程序', en: 'exited from enforcement' },
  WITHDRAWN: { 'zh-CN': '申请执行人撤回申请', en: 'application withdrawn by the rights holder' },
};

const URGING_END_WORDS: Words = {
  PERFORMED: { 'zh-CN': '义务人已履行', en: 'the obligor performed' },
  DEADLINE_PASSED: { 'zh-CN': '督促期限届满', en: 'the deadline passed' },
  ENFORCEMENT_APPLIED: { 'zh-CN': '权利人申请强制执行', en: 'the rights holder applied for enforcement' },
  CANCELLED: { 'zh-CN': '已取消', en: 'cancelled' },
};

const SOURCE_WORDS: Words = {
  VOLUNTARY: { 'zh-CN': '自动履行', en: 'voluntary' },
  URGED: { 'zh-CN': '督促履行', en: 'after urging' },
  MEETING: { 'zh-CN': '集中执行大会', en: 'at a village meeting' },
  SETTLEMENT: { 'zh-CN': '按和解协议', en: 'under the settlement' },
  ENFORCED: { 'zh-CN': '强制执行', en: 'enforced' },
};

/** The reasons the service itself gives (people give theirs in their own words, shown as written). */
const SYSTEM_REASON_WORDS: Words = {
  'urging started': { 'zh-CN': '启动执前督促', en: 'urging started' },
  'urging deadline passed': { 'zh-CN': '督促期限届满', en: 'urging deadline passed' },
  'rights holder applied for enforcement': {
    'zh-CN': '权利人申请强制执行',
    en: 'rights holder applied for enforcement',
  },
  'balance paid in full': { 'zh-CN': '款项已全部履行', en: 'balance paid in full' },
  'settlement performed': { 'zh-CN': '和解协议已履行', en: 'settlement performed' },
  'settlement agreed': { 'zh-CN': '达成执行和解', en: 'settlement agreed' },
  'instalment plan agreed': { 'zh-CN': '达成分期履行方案', en: 'instalment plan agreed' },
  'payment reversed': { 'zh-CN': '付款冲正', en: 'payment reversed' },
  'township officer available': { 'zh-CN': '乡镇执行员已到位', en: 'township officer available' },
  'officer left the township': { 'zh-CN': '原执行员离开该乡镇', en: 'officer left the township' },
  'obligor home division changed': { 'zh-CN': '被执行人户籍地变更', en: 'obligor home division changed' },
};

/** What an obligor proposed online (tasks' proposal intents). */
const INTENT_WORDS: Words = {
  PAY_NOW: { 'zh-CN': '到村缴款', en: 'a payment at the village' },
  PROPOSE_INSTALMENTS: { 'zh-CN': '分期履行方案', en: 'an instalment plan' },
  PROPOSE_SETTLEMENT: { 'zh-CN': '执行和解方案', en: 'a settlement' },
  REQUEST_GRACE: { 'zh-CN': '宽限期申请', en: 'a grace period' },
};

const word = (words: Words, key: unknown, locale: Locale): string =>
  typeof key === 'string' ? (words[key]?.[locale] ?? key) : '';
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const fen = (v: unknown): number | string | null =>
  typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v)) ? v : null;
const reasonOf = (v: unknown, locale: Locale): string | null => {
  const r = text(v);
  return r === null ? null : (SYSTEM_REASON_WORDS[r]?.[locale] ?? r);
};

interface Render {
  p: Params;
  names: TimelineNames;
}

const yuan = (v: unknown, locale: Locale) => {
  const f = fen(v);
  return f === null ? (locale === 'en' ? 'an amount' : '款项') : formatYuan(f, locale);
};
const staffName = ({ names }: Render, id: unknown, locale: Locale) => {
  const n = text(id) ? names.staff(id as string) : null;
  return n ?? (locale === 'en' ? 'an officer not yet known here' : '（尚未登记的执行员）');
};
const divisionName = ({ names }: Render, route: unknown, locale: Locale) => {
  const r = (route ?? {}) as { villageCode?: unknown; townshipCode?: unknown };
  const code = text(r.villageCode) ?? text(r.townshipCode);
  if (!code) return locale === 'en' ? 'no known division' : '未知地区';
  const village = text(r.villageCode) ? names.division(r.villageCode as string) : null;
  const township = text(r.townshipCode) ? names.division(r.townshipCode as string) : null;
  if (village && township) return locale === 'en' ? `${village}, ${township}` : `${township}${village}`;
  return village ?? township ?? code;
};
const hasRoute = (route: unknown) => {
  const r = (route ?? {}) as { villageCode?: unknown; townshipCode?: unknown };
  return Boolean(text(r.villageCode) ?? text(r.townshipCode));
};
const withReason = (s: string, reason: string | null, locale: Locale) =>
  reason === null ? s : locale === 'en' ? `${s} (${reason})` : `${s}（${reason}）`;
const errorText = (p: Params, locale: Locale) =>
  localizedErrorMessage(text(p.code) ?? undefined, { rule: p.rule ?? null }, locale);

export const TIMELINE_TEXTS: Readonly<Record<TimelineKind, LocalizedMessage<Render>>> = {
  JUDGMENT_EFFECTIVE: {
    'zh-CN': ({ p }) => `判决 ${text(p.caseNumber) ?? ''} 已生效，应履行 ${yuan(p.amountOwedFen, 'zh-CN')}`,
    en: ({ p }) => `Judgment ${text(p.caseNumber) ?? ''} became effective; ${yuan(p.amountOwedFen, 'en')} owed`,
  },
  URGING_STARTED: {
    'zh-CN': ({ p }) => `启动执前督促，请于 ${text(p.deadline) ?? ''} 前履行`,
    en: ({ p }) => `Pre-enforcement urging started; perform by ${text(p.deadline) ?? ''}`,
  },
  URGING_ENDED: {
    'zh-CN': ({ p }) => `执前督促结束：${word(URGING_END_WORDS, p.reason, 'zh-CN')}`,
    en: ({ p }) => `Urging ended: ${word(URGING_END_WORDS, p.reason, 'en')}`,
  },
  ENFORCEMENT_FILED: {
    'zh-CN': (r) =>
      `立案执行 ${text(r.p.enforcementNumber) ?? ''}，申请执行标的 ${yuan(r.p.amountAppliedFen, 'zh-CN')}` +
      (text(r.p.officerId) ? `，由执行员${staffName(r, r.p.officerId, 'zh-CN')}承办` : '，该乡镇暂无执行员'),
    en: (r) =>
      `Enforcement case ${text(r.p.enforcementNumber) ?? ''} filed for ${yuan(r.p.amountAppliedFen, 'en')}` +
      (text(r.p.officerId) ? `, with enforcement officer ${staffName(r, r.p.officerId, 'en')}` : ', no officer yet'),
  },
  OFFICER_ASSIGNED: {
    'zh-CN': (r) =>
      withReason(
        text(r.p.officerId)
          ? `案件交由执行员${staffName(r, r.p.officerId, 'zh-CN')}承办`
          : '该乡镇暂无执行员，案件待分配',
        reasonOf(r.p.reason, 'zh-CN'),
        'zh-CN',
      ),
    en: (r) =>
      withReason(
        text(r.p.officerId)
          ? `Assigned to enforcement officer ${staffName(r, r.p.officerId, 'en')}`
          : 'No enforcement officer for this township yet',
        reasonOf(r.p.reason, 'en'),
        'en',
      ),
  },
  REROUTED: {
    'zh-CN': (r) =>
      hasRoute(r.p.from)
        ? `随被执行人户籍地变更，由${divisionName(r, r.p.from, 'zh-CN')}转至${divisionName(r, r.p.to, 'zh-CN')}`
        : `按被执行人户籍地归属${divisionName(r, r.p.to, 'zh-CN')}`,
    en: (r) =>
      hasRoute(r.p.from)
        ? `Moved from ${divisionName(r, r.p.from, 'en')} to ${divisionName(r, r.p.to, 'en')} with the obligor's home`
        : `Routed to ${divisionName(r, r.p.to, 'en')}, the obligor's home`,
  },
  STATE_CHANGED: {
    'zh-CN': ({ p }) =>
      withReason(
        `案件由「${word(CASE_STATE_WORDS, p.from, 'zh-CN')}」转为「${word(CASE_STATE_WORDS, p.to, 'zh-CN')}」`,
        reasonOf(p.reason, 'zh-CN'),
        'zh-CN',
      ),
    en: ({ p }) =>
      withReason(
        `The case moved from ${word(CASE_STATE_WORDS, p.from, 'en')} to ${word(CASE_STATE_WORDS, p.to, 'en')}`,
        reasonOf(p.reason, 'en'),
        'en',
      ),
  },
  REOPENED: {
    'zh-CN': ({ p }) =>
      withReason(
        `案件重新开启，由「${word(CASE_STATE_WORDS, p.from, 'zh-CN')}」回到「${word(CASE_STATE_WORDS, p.to, 'zh-CN')}」`,
        reasonOf(p.reason, 'zh-CN'),
        'zh-CN',
      ),
    en: ({ p }) =>
      withReason(
        `The case re-opened, from ${word(CASE_STATE_WORDS, p.from, 'en')} back to ${word(CASE_STATE_WORDS, p.to, 'en')}`,
        reasonOf(p.reason, 'en'),
        'en',
      ),
  },
  PAYMENT_RECORDED: {
    'zh-CN': ({ p }) =>
      `收到履行款 ${yuan(p.amountFen, 'zh-CN')}（${word(SOURCE_WORDS, p.source, 'zh-CN')}），尚欠 ${yuan(p.outstandingAfterFen, 'zh-CN')}`,
    en: ({ p }) =>
      `Paid ${yuan(p.amountFen, 'en')} (${word(SOURCE_WORDS, p.source, 'en')}); ${yuan(p.outstandingAfterFen, 'en')} outstanding`,
  },
  PAYMENT_REFUSED: {
    'zh-CN': ({ p }) => `集中执行大会上的付款 ${yuan(p.amountFen, 'zh-CN')} 未能记录：${errorText(p, 'zh-CN')}`,
    en: ({ p }) => `The meeting payment of ${yuan(p.amountFen, 'en')} was not recorded: ${errorText(p, 'en')}`,
  },
  PAYMENT_REVERSED: {
    'zh-CN': ({ p }) =>
      `${text(p.paidOn) ?? ''} 的付款 ${yuan(p.amountFen, 'zh-CN')} 已冲正（${text(p.reason) ?? ''}），尚欠 ${yuan(p.outstandingAfterFen, 'zh-CN')}`,
    en: ({ p }) =>
      `The payment of ${yuan(p.amountFen, 'en')} on ${text(p.paidOn) ?? ''} was reversed (${text(p.reason) ?? ''}); ${yuan(p.outstandingAfterFen, 'en')} outstanding`,
  },
  SETTLEMENT_AGREED: {
    'zh-CN': ({ p }) =>
      `${p.agreedEarlier === true && text(p.agreedOn) ? `${text(p.agreedOn)} ` : ''}达成${p.settlementKind === 'SETTLEMENT' ? '执行和解协议' : '分期履行方案'}，共 ${yuan(p.totalFen, 'zh-CN')}，分 ${Number(p.instalments) || 0} 期` +
      (p.duringUrging === true ? `（执前督促期间达成，督促期限延至 ${text(p.urgingDeadline) ?? ''}）` : ''),
    en: ({ p }) =>
      `${p.settlementKind === 'SETTLEMENT' ? 'Settlement' : 'Instalment plan'} of ${yuan(p.totalFen, 'en')} in ${Number(p.instalments) || 0} instalment(s)` +
      (p.agreedEarlier === true && text(p.agreedOn) ? `, agreed on ${text(p.agreedOn)}` : '') +
      (p.duringUrging === true ? `, during urging (deadline ${text(p.urgingDeadline) ?? ''})` : ''),
  },
  SETTLEMENT_REFUSED: {
    'zh-CN': ({ p }) =>
      p.origin === 'PROPOSAL'
        ? `网上提出并经法院同意的方案未能记录：${errorText(p, 'zh-CN')}`
        : `集中执行大会上达成的分期履行方案未能记录：${errorText(p, 'zh-CN')}`,
    en: ({ p }) =>
      p.origin === 'PROPOSAL'
        ? `The plan proposed online and accepted by the court was not recorded: ${errorText(p, 'en')}`
        : `The instalment plan from the meeting was not recorded: ${errorText(p, 'en')}`,
  },
  SETTLEMENT_BROKEN: {
    'zh-CN': ({ p }) => withReason('和解协议未能履行，恢复执行', reasonOf(p.reason, 'zh-CN'), 'zh-CN'),
    en: ({ p }) => withReason('Settlement broken off; enforcement resumes', reasonOf(p.reason, 'en'), 'en'),
  },
  INSTALMENT_MISSED: {
    'zh-CN': ({ p }) =>
      `第 ${Number(p.no) || 0} 期（${text(p.dueDate) ?? ''} 到期）未按期履行，未付 ${yuan(p.unpaidFen, 'zh-CN')}`,
    en: ({ p }) =>
      `Instalment ${Number(p.no) || 0} due ${text(p.dueDate) ?? ''} missed; ${yuan(p.unpaidFen, 'en')} unpaid`,
  },
  CLOSED: {
    'zh-CN': ({ p }) => `结案：${word(OUTCOME_WORDS, p.outcome, 'zh-CN')}`,
    en: ({ p }) => `Closed: ${word(OUTCOME_WORDS, p.outcome, 'en')}`,
  },
  PROPOSAL_SUBMITTED: {
    'zh-CN': ({ p }) =>
      `被执行人在网上主动提出${word(INTENT_WORDS, p.intent, 'zh-CN')}` +
      (p.intent === 'REQUEST_GRACE'
        ? `，宽限 ${Number(p.graceMonths) || 0} 个月`
        : fen(p.amountFen) !== null
          ? `，共 ${yuan(p.amountFen, 'zh-CN')}${p.intent === 'PROPOSE_INSTALMENTS' ? `，分 ${Number(p.instalments) || 0} 期` : ''}`
          : ''),
    en: ({ p }) =>
      `The obligor came forward online with ${word(INTENT_WORDS, p.intent, 'en')}` +
      (p.intent === 'REQUEST_GRACE'
        ? ` of ${Number(p.graceMonths) || 0} month(s)`
        : fen(p.amountFen) !== null
          ? ` of ${yuan(p.amountFen, 'en')}${p.intent === 'PROPOSE_INSTALMENTS' ? ` in ${Number(p.instalments) || 0} instalment(s)` : ''}`
          : ''),
  },
  PROPOSAL_ANSWERED: {
    'zh-CN': ({ p }) =>
      withReason(
        `申请执行人${p.answer === 'ACCEPT' ? '同意' : '不同意'}被执行人提出的${word(INTENT_WORDS, p.intent, 'zh-CN')}`,
        text(p.reason),
        'zh-CN',
      ),
    en: ({ p }) =>
      withReason(
        `The rights holder ${p.answer === 'ACCEPT' ? 'consented to' : 'declined'} ${word(INTENT_WORDS, p.intent, 'en')}`,
        text(p.reason),
        'en',
      ),
  },
  PROPOSAL_DECIDED: {
    'zh-CN': ({ p }) =>
      withReason(
        `法院${p.decision === 'ACCEPT' ? '准许' : '驳回'}${word(INTENT_WORDS, p.intent, 'zh-CN')}` +
          (p.decision === 'ACCEPT' && Number(p.graceMonths) ? `，宽限 ${Number(p.graceMonths)} 个月` : ''),
        text(p.reason),
        'zh-CN',
      ),
    en: ({ p }) =>
      withReason(
        `The court ${p.decision === 'ACCEPT' ? 'accepted' : 'rejected'} ${word(INTENT_WORDS, p.intent, 'en')}` +
          (p.decision === 'ACCEPT' && Number(p.graceMonths) ? ` of ${Number(p.graceMonths)} month(s)` : ''),
        text(p.reason),
        'en',
      ),
  },
  PROPOSAL_EXPIRED: {
    'zh-CN': ({ p }) => `网上提出的${word(INTENT_WORDS, p.intent, 'zh-CN')}逾期未获答复，已失效`,
    en: ({ p }) =>
      `${word(INTENT_WORDS, p.intent, 'en')} proposed online lapsed unanswered`.replace(/^./, (c) => c.toUpperCase()),
  },
  ASSET_LEAD_REPORTED: {
    'zh-CN': ({ p }) =>
      `报告财产线索：${text(p.where) ?? ''}${text(p.what) ?? ''}，估值 ${yuan(p.estimatedValueFen, 'zh-CN')}（来源：${text(p.source) ?? ''}）`,
    en: ({ p }) =>
      `Asset lead reported: ${text(p.what) ?? ''} at ${text(p.where) ?? ''}, estimated at ${yuan(p.estimatedValueFen, 'en')} (source: ${text(p.source) ?? ''})`,
  },
  REOPENED_FROM_ASSET_LEAD: {
    'zh-CN': ({ p }) =>
      `根据财产线索（${text(p.where) ?? ''}${text(p.what) ?? ''}，估值 ${yuan(p.estimatedValueFen, 'zh-CN')}）恢复执行，案件由「终结本次执行」回到「执行中」`,
    en: ({ p }) =>
      `Enforcement resumed on the asset lead (${text(p.what) ?? ''} at ${text(p.where) ?? ''}, estimated at ${yuan(p.estimatedValueFen, 'en')}): the case went from terminated for this round back to in progress`,
  },
  RESEARCH_DONE: {
    'zh-CN': ({ p }) =>
      withReason(`已完成终本案件财产复查，下次复查日期 ${text(p.nextResearchDue) ?? ''}`, text(p.finding), 'zh-CN'),
    en: ({ p }) =>
      withReason(
        `Re-search of assets done; next re-search due ${text(p.nextResearchDue) ?? ''}`,
        text(p.finding),
        'en',
      ),
  },
};

/** The staff ids and division codes an entry's text names (to look up before rendering). */
export function namesNeeded(kind: string, p: Params): { staffIds: string[]; divisionCodes: string[] } {
  const staffIds =
    ['ENFORCEMENT_FILED', 'OFFICER_ASSIGNED'].includes(kind) && text(p.officerId) ? [p.officerId as string] : [];
  const divisionCodes: string[] = [];
  if (kind === 'REROUTED') {
    for (const route of [p.from, p.to]) {
      const r = (route ?? {}) as { villageCode?: unknown; townshipCode?: unknown };
      for (const c of [r.villageCode, r.townshipCode]) if (text(c)) divisionCodes.push(c as string);
    }
  }
  return { staffIds, divisionCodes };
}

/**
 * The summary of an entry: the legacy sentence of an old entry that could not be structured,
 * otherwise the text of its kind in `locale`. A kind without a text shows as its code.
 */
export function timelineSummary(
  entry: { kind: string; parameters: Params; legacySummary?: string | null },
  locale: Locale,
  names: TimelineNames,
): string {
  if (entry.legacySummary) return entry.legacySummary;
  const m = (TIMELINE_TEXTS as Record<string, LocalizedMessage<Render> | undefined>)[entry.kind];
  return m ? m[locale]({ p: entry.parameters ?? {}, names }) : entry.kind;
}
