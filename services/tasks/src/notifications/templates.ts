import { COURT_TIME_ZONE, yuanDecimal } from '@zhiyuan/kernel';

/**
 * SMS templates (Chinese). Variables are filled from the event; every message keeps its template
 * name and variables in the ledger so the notice can be shown as evidence later.
 */
export const TEMPLATES = {
  URGING_NOTICE:
    '【{court}】{name}您好：您的案件（{caseNumber}）已进入执前督促程序，应履行金额{amount}元，请于{deadline}前主动履行。主动履行可避免被强制执行及纳入失信名单。',
  URGING_FEEDBACK_VILLAGE_TEAM:
    '【执源】{name}您好：辖区内{obligorName}的案件（{caseNumber}）已进入执前督促程序，履行期限{deadline}，请村（社区）协同督促并电话回访。',
  URGING_FEEDBACK_OBLIGEE:
    '【{court}】{name}您好：您申请的案件（{caseNumber}）已启动执前督促，法院已通知义务人并由其户籍地村（社区）协同督促，请关注进展。',
  MEETING_INVITATION:
    '【执源】{name}您好：{title}定于{time}在{venue}召开，请您准时参加，并携带身份证及财产收入申报材料。',
  TASK_REMINDER: '【执源】{name}您好：协助任务“{title}”（案件{caseNumber}）已于{due}到期，请尽快办理并反馈。',
  TASK_ESCALATION: '【执源】{name}您好：{division}的协助任务“{title}”（案件{caseNumber}）已逾期，现提请您督办。',
  ENFORCEMENT_FILED_OBLIGOR:
    '【{court}】{name}您好：您的案件（{caseNumber}）已立案执行，执行案号{enforcementNumber}，申请执行金额{amount}元。请尽快主动履行，拒不履行的，法院将依法强制执行并可将您纳入失信名单。',
  ENFORCEMENT_FILED_OBLIGEE:
    '【{court}】{name}您好：您申请执行的案件（{caseNumber}）已立案，执行案号{enforcementNumber}，申请执行金额{amount}元，法院将会同义务人户籍地村（社区）协同执行，请关注进展。',
  PAYMENT_RECORDED:
    '【{court}】{name}您好：案件（{caseNumber}）已登记义务人于{paidOn}履行{amount}元，累计已履行{totalPaid}元，尚余{outstanding}元未履行。',
  INSTALMENT_DUE_SOON:
    '【{court}】{name}您好：您的案件（{caseNumber}）第{no}期应履行{amount}元，将于{dueDate}到期，请按期履行。',
  INSTALMENT_MISSED:
    '【{court}】{name}您好：您的案件（{caseNumber}）第{no}期应履行款项于{dueDate}到期，尚有{amount}元未履行，请尽快履行。不按协议履行的，法院可恢复强制执行。',
  SETTLEMENT_AGREED:
    '【{court}】{name}您好：案件（{caseNumber}）已达成{kind}，共{total}元，分{count}期履行，首期{firstAmount}元于{firstDueDate}到期，请按协议履行。',
  LISTING_ADDED:
    '【{court}】{name}您好：因您未履行案件（{caseNumber}）生效法律文书确定的义务，已于{listedOn}被纳入失信被执行人名单并限制消费。履行义务后，失信信息将依法删除。',
  LISTING_REMOVED: '【{court}】{name}您好：您在案件（{caseNumber}）中的失信被执行人信息已于{removedOn}删除。',
  CASE_CLOSED:
    '【{court}】{name}您好：案件（{caseNumber}）已于{closedOn}结案，结案方式：{outcome}，已执行到位{recovered}元。',
  PROPOSAL_SUBMITTED_STAFF:
    '【执源】{name}您好：{obligorName}就案件（{caseNumber}）在线主动履行，提出{intent}：{summary}。请于{expiresOn}前登录执源处理。',
  PROPOSAL_CONSENT_REQUESTED:
    '【{court}】{name}您好：案件（{caseNumber}）义务人{obligorName}在线提出{intent}：{summary}。请于{expiresOn}前登录执源表示同意或不同意，经您同意并经法院审查后生效。',
  PROPOSAL_SUBMITTED_OBLIGEE:
    '【{court}】{name}您好：案件（{caseNumber}）义务人{obligorName}在线提出{intent}：{summary}，法院将依法审查并告知结果。',
  PROPOSAL_ANSWERED:
    '【{court}】{name}您好：对案件（{caseNumber}）义务人提出的{intent}，申请执行人已表示{answer}{reason}。',
  PROPOSAL_DECIDED: '【{court}】{name}您好：对案件（{caseNumber}）义务人提出的{intent}，法院已决定{decision}{reason}。',
  PROPOSAL_EXPIRED:
    '【{court}】{name}您好：您在案件（{caseNumber}）中提出的{intent}因在{expiresOn}前未获答复已失效，如需继续，请重新提交或联系村（社区）。',
  ASSET_LEAD_REPORTED_OFFICER:
    '【执源】{name}您好：终本案件（{caseNumber}）有新的财产线索：{where}{what}，估值{value}元（来源：{source}）。请于{due}前核查，需要时恢复执行。',
  TASK_DEESCALATED: '【执源】{name}您好：提请您督办的协助任务“{title}”（案件{caseNumber}）{outcome}，无需再督办。',
  RESEARCH_DUE_OFFICER:
    '【执源】{name}您好：终本案件（{caseNumber}）应于{dueDate}进行财产复查，请于{due}前完成复查并在执源登记结果。',
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

/** Fills `{name}` placeholders; a missing variable is left visible rather than sent blank. */
export function renderTemplate(template: TemplateName, vars: Record<string, string>): string {
  return TEMPLATES[template].replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

/** Integer fen → yuan text with two decimals, without floating point. */
export function yuan(fen: number): string {
  return yuanDecimal(fen);
}

const CN_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: COURT_TIME_ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const CN_DATE = new Intl.DateTimeFormat('zh-CN', {
  timeZone: COURT_TIME_ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

/** A time as a Chinese reader expects it, in China time. */
export function chineseTime(d: Date): string {
  return CN_TIME.format(d);
}

export function chineseDate(d: Date | string): string {
  return CN_DATE.format(typeof d === 'string' ? new Date(`${d}T00:00:00+08:00`) : d);
}

/** The Chinese name of what an obligor coming forward asks for. */
export const INTENT_LABELS = {
  PAY_NOW: '履行款项申报',
  PROPOSE_INSTALMENTS: '分期履行方案',
  PROPOSE_SETTLEMENT: '执行和解方案',
  REQUEST_GRACE: '宽限期申请',
} as const;

/**
 * The proposal's steps as the case thread shows them (author SYSTEM), so the parties and the
 * village team read each step where they talk about the case.
 */
export const THREAD_TEXTS = {
  PROPOSAL_SUBMITTED: '义务人{obligorName}在线提出{intent}：{summary}。处理期限：{expiresOn}。',
  PROPOSAL_ANSWERED: '申请执行人对{intent}表示{answer}{reason}。',
  PROPOSAL_DECIDED: '法院对义务人提出的{intent}决定{decision}{reason}。',
  PROPOSAL_EXPIRED: '义务人提出的{intent}因在{expiresOn}前未获答复已失效。',
} as const;

export function renderThreadText(text: keyof typeof THREAD_TEXTS, vars: Record<string, string>): string {
  return THREAD_TEXTS[text].replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}
