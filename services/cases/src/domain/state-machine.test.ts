import { DomainError } from '@zhiyuan/kernel';
import {
  assertReopenByReversal,
  assertTransition,
  CASE_STATES,
  canTransition,
  outcomeOf,
  stateAfterFullPayment,
  stateReopenedByReversal,
  TRANSITIONS,
  type CaseState,
} from './state-machine';

const legal: [CaseState, CaseState][] = [
  ['EFFECTIVE', 'URGING'],
  ['EFFECTIVE', 'ENFORCEMENT_FILED'],
  ['EFFECTIVE', 'COMPLETED'],
  ['URGING', 'PERFORMED_AFTER_URGING'],
  ['URGING', 'ENFORCEMENT_FILED'],
  ['URGING', 'EFFECTIVE'],
  ['ENFORCEMENT_FILED', 'IN_PROGRESS'],
  ['ENFORCEMENT_FILED', 'COMPLETED'],
  ['ENFORCEMENT_FILED', 'WITHDRAWN'],
  ['IN_PROGRESS', 'WITHDRAWN'],
  ['SETTLED', 'WITHDRAWN'],
  ['IN_PROGRESS', 'SETTLED'],
  ['IN_PROGRESS', 'TERMINATED_THIS_ROUND'],
  ['IN_PROGRESS', 'EXITED'],
  ['IN_PROGRESS', 'COMPLETED'],
  ['SETTLED', 'COMPLETED'],
  ['SETTLED', 'IN_PROGRESS'],
  ['TERMINATED_THIS_ROUND', 'IN_PROGRESS'],
  ['TERMINATED_THIS_ROUND', 'COMPLETED'],
];

describe('case state machine', () => {
  it('has exactly the documented transitions', () => {
    const all = CASE_STATES.flatMap((from) => TRANSITIONS[from].map((to) => [from, to]));
    expect(all).toEqual(expect.arrayContaining(legal));
    expect(all).toHaveLength(legal.length);
  });

  it.each(legal)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  const illegal = CASE_STATES.flatMap((from) =>
    CASE_STATES.filter((to) => !legal.some(([f, t]) => f === from && t === to)).map(
      (to) => [from, to] as [CaseState, CaseState],
    ),
  );

  it.each(illegal)('refuses %s → %s with INVALID_TRANSITION naming both states', (from, to) => {
    let err: unknown;
    try {
      assertTransition(from, to);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).extensions).toMatchObject({ code: 'INVALID_TRANSITION', from, to });
  });

  it('never leaves a final state', () => {
    for (const s of ['PERFORMED_AFTER_URGING', 'COMPLETED', 'EXITED', 'WITHDRAWN'] as const)
      expect(TRANSITIONS[s]).toEqual([]);
  });

  it('records the outcome of each close', () => {
    expect(outcomeOf('URGING', 'PERFORMED_AFTER_URGING')).toBe('PERFORMED_AFTER_URGING');
    expect(outcomeOf('IN_PROGRESS', 'COMPLETED')).toBe('COMPLETED');
    expect(outcomeOf('SETTLED', 'COMPLETED')).toBe('SETTLED_AND_PERFORMED');
    expect(outcomeOf('IN_PROGRESS', 'TERMINATED_THIS_ROUND')).toBe('TERMINATED_THIS_ROUND');
    expect(outcomeOf('IN_PROGRESS', 'EXITED')).toBe('EXITED');
    expect(outcomeOf('SETTLED', 'WITHDRAWN')).toBe('WITHDRAWN');
    expect(outcomeOf('ENFORCEMENT_FILED', 'IN_PROGRESS')).toBeNull();
  });

  it('sends a full payment during urging to PERFORMED_AFTER_URGING and otherwise to COMPLETED', () => {
    expect(stateAfterFullPayment('URGING')).toBe('PERFORMED_AFTER_URGING');
    for (const s of ['EFFECTIVE', 'ENFORCEMENT_FILED', 'IN_PROGRESS', 'SETTLED', 'TERMINATED_THIS_ROUND'] as const) {
      expect(stateAfterFullPayment(s)).toBe('COMPLETED');
      expect(canTransition(s, 'COMPLETED')).toBe(true);
    }
  });
});

describe('re-opening by a payment reversal', () => {
  it('takes a completed case back to the state it closed from, 终本 to in progress', () => {
    expect(stateReopenedByReversal('COMPLETED', 'IN_PROGRESS', true)).toBe('IN_PROGRESS');
    expect(stateReopenedByReversal('COMPLETED', 'SETTLED', true)).toBe('SETTLED');
    expect(stateReopenedByReversal('COMPLETED', 'EFFECTIVE', false)).toBe('EFFECTIVE');
    expect(stateReopenedByReversal('COMPLETED', 'TERMINATED_THIS_ROUND', true)).toBe('IN_PROGRESS');
    expect(stateReopenedByReversal('COMPLETED', null, true)).toBe('IN_PROGRESS');
    expect(stateReopenedByReversal('PERFORMED_AFTER_URGING', 'URGING', false)).toBe('URGING');
  });

  it('leaves the states not closed by payment alone, and never opens them by hand', () => {
    for (const s of ['EXITED', 'WITHDRAWN', 'TERMINATED_THIS_ROUND', 'IN_PROGRESS', 'SETTLED'] as const)
      expect(stateReopenedByReversal(s, null, true)).toBeNull();
    expect(() => assertReopenByReversal('COMPLETED', 'IN_PROGRESS')).not.toThrow();
    expect(() => assertReopenByReversal('EXITED', 'IN_PROGRESS')).toThrow(DomainError);
    expect(canTransition('COMPLETED', 'IN_PROGRESS')).toBe(false);
  });
});
