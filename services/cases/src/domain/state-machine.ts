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
export const CLOSED_STATES: ReadonlySet<CaseState> = new Set(['PERFORMED_AFTER_URGING', 'COMPLETED', 'TERMINATED_THIS_ROUND', 'EXITED', 'WITHDRAWN']);
/** States from which nothing follows. */
export const FINAL_STATES: ReadonlySet<CaseState> = new Set(['PERFORMED_AFTER_URGING', 'COMPLETED', 'EXITED', 'WITHDRAWN']);
/** States that accept a payment. */
export const PAYABLE_STATES: ReadonlySet<CaseState> = new Set(['EFFECTIVE', 'URGING', 'ENFORCEMENT_FILED', 'IN_PROGRESS', 'SETTLED', 'TERMINATED_THIS_ROUND']);
/** States in which an enforcement case exists (an officer works it). */
export const FILED_STATES: ReadonlySet<CaseState> = new Set(['ENFORCEMENT_FILED', 'IN_PROGRESS', 'SETTLED', 'TERMINATED_THIS_ROUND']);

export function canTransition(from: CaseState, to: CaseState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws INVALID_TRANSITION naming the current and requested state. */
export function assertTransition(from: CaseState, to: CaseState): void {
  if (!canTransition(from, to)) throw errors.invalidTransition(from, to);
}

export type CaseOutcome = 'PERFORMED_AFTER_URGING' | 'COMPLETED' | 'SETTLED_AND_PERFORMED' | 'TERMINATED_THIS_ROUND' | 'EXITED' | 'WITHDRAWN';

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
