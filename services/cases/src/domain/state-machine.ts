import { errors } from '@zhiyuan/kernel';

/**
 * The life of a case from effective judgment to close. `EFFECTIVE` is a judgment waiting without
 * urging (urging off or manual, or its deadline passed); the rest follows the workflow in DOMAIN.md.
 */
export const CASE_STATES = [
  'EFFECTIVE',
  'URGING',
  'PERFORMED_AFTER_URGING',
  'ENFORCEMENT_FILED',
  'IN_PROGRESS',
  'SETTLED',
  'COMPLETED',
  'TERMINATED_THIS_ROUND',
  'EXITED',
  'WITHDRAWN',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const TRANSITIONS: Readonly<Record<CaseState, readonly CaseState[]>> = Object.freeze({
  EFFECTIVE: ['URGING', 'ENFORCEMENT_FILED', 'COMPLETED'],
  URGING: ['PERFORMED_AFTER_URGING', 'ENFORCEMENT_FILED', 'EFFECTIVE'],
  // WITHDRAWN: the rights holder withdraws the application for enforcement (撤回执行申请).
  ENFORCEMENT_FILED: ['IN_PROGRESS', 'COMPLETED', 'WITHDRAWN'],
  IN_PROGRESS: ['SETTLED', 'TERMINATED_THIS_ROUND', 'EXITED', 'COMPLETED', 'WITHDRAWN'],
  // Back to IN_PROGRESS when a settlement is broken off.
  SETTLED: ['COMPLETED', 'IN_PROGRESS', 'WITHDRAWN'],
  // 终本 is reopenable (new assets found at a re-search), and a late full payment completes it.
  TERMINATED_THIS_ROUND: ['IN_PROGRESS', 'COMPLETED'],
  PERFORMED_AFTER_URGING: [],
  COMPLETED: [],
  EXITED: [],
  WITHDRAWN: [],
});

/** States in which the case counts as closed (TERMINATED_THIS_ROUND is closed but may reopen). */
export const CLOSED_STATES: ReadonlySet<CaseState> = new Set([
  'PERFORMED_AFTER_URGING',
  'COMPLETED',
  'TERMINATED_THIS_ROUND',
  'EXITED',
  'WITHDRAWN',
]);
/** States from which nothing follows. */
export const FINAL_STATES: ReadonlySet<CaseState> = new Set([
  'PERFORMED_AFTER_URGING',
  'COMPLETED',
  'EXITED',
  'WITHDRAWN',
]);
/** States that accept a payment. */
export const PAYABLE_STATES: ReadonlySet<CaseState> = new Set([
  'EFFECTIVE',
  'URGING',
  'ENFORCEMENT_FILED',
  'IN_PROGRESS',
  'SETTLED',
  'TERMINATED_THIS_ROUND',
]);
/** States in which an enforcement case exists (an officer works it). */
export const FILED_STATES: ReadonlySet<CaseState> = new Set([
  'ENFORCEMENT_FILED',
  'IN_PROGRESS',
  'SETTLED',
  'TERMINATED_THIS_ROUND',
]);

export function canTransition(from: CaseState, to: CaseState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws INVALID_TRANSITION naming the current and requested state. */
export function assertTransition(from: CaseState, to: CaseState): void {
  if (!canTransition(from, to)) throw errors.invalidTransition(from, to);
}

export type CaseOutcome =
  'PERFORMED_AFTER_URGING' | 'COMPLETED' | 'SETTLED_AND_PERFORMED' | 'TERMINATED_THIS_ROUND' | 'EXITED' | 'WITHDRAWN';

/** The outcome recorded when a case enters a closed state from another. */
export function outcomeOf(from: CaseState, to: CaseState): CaseOutcome | null {
  switch (to) {
    case 'PERFORMED_AFTER_URGING':
      return 'PERFORMED_AFTER_URGING';
    case 'COMPLETED':
      return from === 'SETTLED' ? 'SETTLED_AND_PERFORMED' : 'COMPLETED';
    case 'TERMINATED_THIS_ROUND':
      return 'TERMINATED_THIS_ROUND';
    case 'EXITED':
      return 'EXITED';
    case 'WITHDRAWN':
      return 'WITHDRAWN';
    default:
      return null;
  }
}

/** Where a payment that brings the balance to zero takes the case. */
export function stateAfterFullPayment(from: CaseState): CaseState {
  return from === 'URGING' ? 'PERFORMED_AFTER_URGING' : 'COMPLETED';
}

/**
 * Where a payment reversal takes a case that the reversed payment helped close: back to the state it
 * closed from (`closedFrom`, as the close recorded it). A case closed as completed from 终本 goes
 * back to work (`IN_PROGRESS`), not to 终本; a judgment performed after urging goes back to urging
 * (the sweep lapses it if its deadline has passed meanwhile). These moves are made by a reversal
 * only, never by hand, so they are kept apart from `TRANSITIONS`.
 */
export const REOPENED_BY_REVERSAL: Readonly<Partial<Record<CaseState, readonly CaseState[]>>> = Object.freeze({
  COMPLETED: ['EFFECTIVE', 'ENFORCEMENT_FILED', 'IN_PROGRESS', 'SETTLED'],
  PERFORMED_AFTER_URGING: ['URGING'],
});

/** Throws INVALID_TRANSITION unless a reversal may re-open `from` to `to`. */
export function assertReopenByReversal(from: CaseState, to: CaseState): void {
  if (!(REOPENED_BY_REVERSAL[from] ?? []).includes(to)) throw errors.invalidTransition(from, to);
}

/** The state a case closed by payment goes back to when a reversal undoes its close; null when the state is not closed by payment. */
export function stateReopenedByReversal(
  state: CaseState,
  closedFrom: CaseState | null,
  filed: boolean,
): CaseState | null {
  if (state === 'PERFORMED_AFTER_URGING') return 'URGING';
  if (state !== 'COMPLETED') return null;
  if (closedFrom === 'TERMINATED_THIS_ROUND') return 'IN_PROGRESS';
  if (closedFrom && REOPENED_BY_REVERSAL.COMPLETED!.includes(closedFrom)) return closedFrom;
  return filed ? 'IN_PROGRESS' : 'EFFECTIVE';
}

/**
 * States in which a settlement or instalment plan may be agreed: in progress (the case becomes
 * SETTLED), and during urging, before an enforcement case exists (the plan runs inside the urging;
 * the case stays URGING and, performed, closes as performed after urging).
 */
export const SETTLEMENT_STATES: ReadonlySet<CaseState> = new Set(['IN_PROGRESS', 'URGING']);
