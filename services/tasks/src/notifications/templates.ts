import { COURT_TIME_ZONE } from '@zhiyuan/kernel';

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
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

/** Fills `{name}` placeholders; a missing variable is left visible rather than sent blank. */
export function renderTemplate(template: TemplateName, vars: Record<string, string>): string {
  return TEMPLATES[template].replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

/** Integer fen → yuan text with two decimals, without floating point. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const CN_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: COURT_TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const CN_DATE = new Intl.DateTimeFormat('zh-CN', { timeZone: COURT_TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' });

/** A time as a Chinese reader expects it, in China time. */
export function chineseTime(d: Date): string {
  return CN_TIME.format(d);
}

export function chineseDate(d: Date | string): string {
  return CN_DATE.format(typeof d === 'string' ? new Date(`${d}T00:00:00+08:00`) : d);
}
