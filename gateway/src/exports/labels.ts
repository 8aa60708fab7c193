import { yuanDecimal } from '@zhiyuan/kernel';

/** The Chinese words a printed list uses for the graph's enum values. */

export const CASE_STATE: Record<string, string> = {
  EFFECTIVE: '已生效',
  URGING: '执前督促',
  PERFORMED_AFTER_URGING: '督促后履行',
  ENFORCEMENT_FILED: '已立案执行',
  IN_PROGRESS: '执行中',
  SETTLED: '执行和解',
  COMPLETED: '执行完毕',
  TERMINATED_THIS_ROUND: '终结本次执行',
  EXITED: '退出执行程序',
  WITHDRAWN: '撤回申请',
};

export const CLASSIFICATION: Record<string, string> = {
  COMPLIANT: '守信履行',
  HONEST_IN_DIFFICULTY: '诚信困难',
  UNABLE: '确无履行能力',
  EVASIVE: '规避执行',
};

export const LISTING_GROUND: Record<string, string> = {
  ABLE_BUT_REFUSES: '有履行能力而拒不履行',
  OBSTRUCTS_BY_FORGERY_VIOLENCE_OR_THREATS: '以伪造证据、暴力、威胁等方法妨碍、抗拒执行',
  EVADES_BY_FALSE_LITIGATION_OR_HIDING_ASSETS: '以虚假诉讼、隐匿转移财产等方法规避执行',
  BREAKS_PROPERTY_REPORTING_DUTY: '违反财产报告制度',
  BREAKS_CONSUMPTION_RESTRICTION: '违反限制消费令',
  REFUSES_SETTLEMENT_AGREEMENT: '无正当理由拒不履行执行和解协议',
};

export const MEETING_OUTCOME: Record<string, string> = {
  PAID_IN_FULL: '当场全额履行',
  INSTALMENT_AGREED: '达成分期履行',
  DECLARATION_FILED: '已填报申报表',
  ABSENT: '未到场',
  REFUSED: '拒绝履行',
};

/** The word for a value; an unknown value (added to the graph later) is shown as it is. */
export function label(words: Record<string, string>, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return words[String(value)] ?? String(value);
}

/** Fen as yuan with two decimals, e.g. 1250000 → "12500.00" (a number column in a spreadsheet). */
export function yuan(fen: unknown): string | null {
  return typeof fen === 'number' && Number.isFinite(fen) ? yuanDecimal(Math.round(fen)) : null;
}
