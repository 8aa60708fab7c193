/**
 * The parties' notices of a case's steps after the urging, and the court's switch for each. A
 * notice is named as its template; `NOTICES_OFF` lists the ones a court does not send.
 */
export const CASE_STEP_NOTICES = [
  'ENFORCEMENT_FILED_OBLIGOR',
  'ENFORCEMENT_FILED_OBLIGEE',
  'PAYMENT_RECORDED',
  'INSTALMENT_DUE_SOON',
  'INSTALMENT_MISSED',
  'SETTLEMENT_AGREED',
  'LISTING_ADDED',
  'LISTING_REMOVED',
  'CASE_CLOSED',
] as const;

export type CaseStepNotice = (typeof CASE_STEP_NOTICES)[number];

/** A notice switched off everywhere (`court` null) or for one court (its name or code as the events carry it). */
export interface NoticeOff {
  court: string | null;
  notice: CaseStepNotice;
}

/** Days before an instalment's due date that the obligor is reminded of it. */
export const INSTALMENT_REMINDER_DAYS = 3;

const isNotice = (s: string): s is CaseStepNotice => (CASE_STEP_NOTICES as readonly string[]).includes(s);

/**
 * Reads `NOTICE` and `court:NOTICE` entries separated by commas (blank: every notice on). The court
 * is everything before the last colon. Returns the entries, or the first entry that names no notice.
 */
export function parseNoticesOff(text: string): { ok: true; off: NoticeOff[] } | { ok: false; entry: string } {
  const off: NoticeOff[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const colon = entry.lastIndexOf(':');
    const court = colon < 0 ? null : entry.slice(0, colon).trim();
    const notice = (colon < 0 ? entry : entry.slice(colon + 1)).trim().toUpperCase();
    if (!isNotice(notice) || court === '') return { ok: false, entry };
    off.push({ court, notice });
  }
  return { ok: true, off };
}

/** Whether a court sends a notice: on unless switched off everywhere or for that court. */
export function isNoticeOn(off: readonly NoticeOff[], notice: CaseStepNotice, court: string | null): boolean {
  return !off.some((o) => o.notice === notice && (o.court === null || o.court === court));
}

const OUTCOME_TEXT: Record<string, string> = {
  PERFORMED_AFTER_URGING: '执前督促后履行完毕',
  COMPLETED: '执行完毕',
  SETTLED_AND_PERFORMED: '和解协议履行完毕',
  TERMINATED_THIS_ROUND: '终结本次执行程序',
  EXITED: '退出执行程序',
  WITHDRAWN: '撤回申请',
};

/** How a closing is told to the parties. */
export function outcomeText(outcome: string): string {
  return OUTCOME_TEXT[outcome] ?? '结案';
}

export function settlementKindText(kind: 'SETTLEMENT' | 'INSTALMENT_PLAN'): string {
  return kind === 'SETTLEMENT' ? '执行和解协议' : '分期履行协议';
}

export interface ScheduledInstalment {
  no: number;
  amountFen: number;
}

/**
 * What is still unpaid of each instalment after payments of `paidFen` in all, which pay the
 * instalments earliest first (as the case applies them). An instalment fully paid is left out.
 */
export function unpaidInstalments(instalments: readonly ScheduledInstalment[], paidFen: number): Map<number, number> {
  const unpaid = new Map<number, number>();
  let left = paidFen;
  for (const i of [...instalments].sort((a, b) => a.no - b.no)) {
    const pay = Math.min(i.amountFen, Math.max(0, left));
    left -= pay;
    if (pay < i.amountFen) unpaid.set(i.no, i.amountFen - pay);
  }
  return unpaid;
}
