import { checkInstalmentSchedule, courtDate, daysBetween, DomainError, errors } from '@zhiyuan/kernel';
import type { PAYMENT_SOURCES } from '@zhiyuan/events';
import type { CaseEntity } from '../entities';
import { PAYABLE_STATES, type CaseState } from './state-machine';

/** What is still owed on a case, in fen. */
export const outstandingOf = (c: Pick<CaseEntity, 'amountOwedFen' | 'paidFen'>) => c.amountOwedFen - c.paidFen;

/** The routing fields every case event carries. */
export const routeOfCase = (c: Pick<CaseEntity, 'villageCode' | 'townshipCode'>) => ({
  villageCode: c.villageCode,
  townshipCode: c.townshipCode,
});

/** Whole court days from the effective date to `until` (never negative). */
export function daysOpen(effectiveDate: string, until: Date): number {
  return Math.max(0, daysBetween(effectiveDate, courtDate(until)));
}

type OverdueFields = Pick<
  CaseEntity,
  'closedAt' | 'paidFen' | 'amountOwedFen' | 'performanceDeadline' | 'state' | 'urgingDeadline'
>;

/** An open case with a balance whose performance deadline, or urging deadline while urging, is past on `today`. */
export function isOverdue(c: OverdueFields, today: string): boolean {
  if (c.closedAt || c.paidFen >= c.amountOwedFen) return false;
  return (
    (!!c.performanceDeadline && c.performanceDeadline < today) ||
    (c.state === 'URGING' && !!c.urgingDeadline && c.urgingDeadline < today)
  );
}

/** States a user may request directly; the others follow from payments, settlements and filing. */
export const MANUAL_TARGETS: ReadonlySet<CaseState> = new Set([
  'IN_PROGRESS',
  'TERMINATED_THIS_ROUND',
  'EXITED',
  'WITHDRAWN',
]);

/** Refuses a requested state that only an action reaches, naming the action. */
export function assertManualTarget(to: CaseState): void {
  if (MANUAL_TARGETS.has(to)) return;
  const how =
    to === 'SETTLED'
      ? 'agree a settlement'
      : to === 'ENFORCEMENT_FILED'
        ? 'file the enforcement case'
        : to === 'URGING'
          ? 'start urging'
          : 'record the payment that clears the balance';
  throw errors.rule('state-follows-from-action', `A case becomes ${to} by its action: ${how}`);
}

export type PaymentSource = (typeof PAYMENT_SOURCES)[number];

/** Checks a payment against the case without writing anything; throws the typed error to refuse it. */
export function checkPayment(
  c: Pick<CaseEntity, 'state' | 'amountOwedFen' | 'paidFen' | 'effectiveDate'>,
  input: { amountFen: number; paidOn: string },
): void {
  if (!PAYABLE_STATES.has(c.state))
    throw errors.rule('case-closed', `A payment cannot be recorded on a case that is ${c.state}`);
  const outstanding = outstandingOf(c);
  if (input.amountFen > outstanding) {
    throw new DomainError(
      'RULE_VIOLATION',
      `The payment of ${input.amountFen} fen is more than the outstanding ${outstanding} fen`,
      { rule: 'overpayment', outstandingFen: outstanding },
    );
  }
  if (input.paidOn < c.effectiveDate)
    throw errors.validation('paidOn', 'A payment cannot predate the effective judgment');
}

/** The source of a payment not given one: URGED while urging, SETTLEMENT under a settlement, VOLUNTARY otherwise. */
export function defaultPaymentSource(state: CaseState): PaymentSource {
  return state === 'URGING' ? 'URGED' : state === 'SETTLED' ? 'SETTLEMENT' : 'VOLUNTARY';
}

/**
 * Checks a settlement's agreed day and schedule against the case and today's court date; answers the
 * total the obligor agrees to pay. A settlement agreed earlier is bounded by the effective date (not
 * the filing, which for history loaded today is later than the real one).
 */
export function checkSettlementSchedule(
  c: Pick<CaseEntity, 'effectiveDate' | 'amountOwedFen' | 'paidFen'>,
  agreedOn: string,
  today: string,
  instalments: readonly { dueDate: string; amountFen: number }[],
): number {
  if (agreedOn > today) throw errors.validation('agreedOn', 'A settlement cannot be agreed in the future');
  if (agreedOn < c.effectiveDate)
    throw errors.validation(
      'agreedOn',
      `A settlement cannot be agreed before the judgment became effective (${c.effectiveDate})`,
    );
  return checkInstalmentSchedule(instalments, agreedOn, today, outstandingOf(c));
}
