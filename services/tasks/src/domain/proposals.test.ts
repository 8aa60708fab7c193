import { CourtCalendar } from '@zhiyuan/kernel';
import {
  answerTransition,
  decisionTransition,
  expiryOf,
  hasExpired,
  needsConsent,
  settlementOf,
  type ProposalIntent,
  type ProposalStatus,
} from './proposals';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    const x = (e as { extensions: { code: string; rule?: string } }).extensions;
    return x.rule ?? x.code;
  }
  return 'none';
};

describe('proposal states', () => {
  it('asks the rights holder only about settlements and instalment plans', () => {
    expect(needsConsent('PROPOSE_INSTALMENTS')).toBe(true);
    expect(needsConsent('PROPOSE_SETTLEMENT')).toBe(true);
    expect(needsConsent('REQUEST_GRACE')).toBe(false);
    expect(needsConsent('PAY_NOW')).toBe(false);
  });

  it('takes the rights holder answer once, while the proposal waits for it', () => {
    expect(answerTransition('PROPOSE_INSTALMENTS', 'SUBMITTED', 'ACCEPT')).toBe('CONSENTED');
    expect(answerTransition('PROPOSE_SETTLEMENT', 'SUBMITTED', 'DECLINE')).toBe('DECLINED');
    expect(codeOf(() => answerTransition('PROPOSE_SETTLEMENT', 'CONSENTED', 'DECLINE'))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => answerTransition('PROPOSE_SETTLEMENT', 'EXPIRED', 'ACCEPT'))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => answerTransition('REQUEST_GRACE', 'SUBMITTED', 'ACCEPT'))).toBe('CONSENT_NOT_ASKED');
  });

  it('lets the court accept a settlement or plan only after consent, and reject it while open', () => {
    expect(codeOf(() => decisionTransition('PROPOSE_INSTALMENTS', 'SUBMITTED', 'ACCEPT'))).toBe(
      'OBLIGEE_CONSENT_FIRST',
    );
    expect(decisionTransition('PROPOSE_INSTALMENTS', 'CONSENTED', 'ACCEPT')).toBe('ACCEPTED');
    expect(decisionTransition('PROPOSE_INSTALMENTS', 'SUBMITTED', 'REJECT')).toBe('REJECTED');
    expect(decisionTransition('PROPOSE_SETTLEMENT', 'CONSENTED', 'REJECT')).toBe('REJECTED');
  });

  it('lets the court decide grace and pay-now proposals alone', () => {
    expect(decisionTransition('REQUEST_GRACE', 'SUBMITTED', 'ACCEPT')).toBe('ACCEPTED');
    expect(decisionTransition('PAY_NOW', 'SUBMITTED', 'REJECT')).toBe('REJECTED');
  });

  it('moves a finished proposal nowhere', () => {
    const finished: ProposalStatus[] = ['DECLINED', 'ACCEPTED', 'REJECTED', 'EXPIRED'];
    const intents: ProposalIntent[] = ['PAY_NOW', 'PROPOSE_INSTALMENTS', 'PROPOSE_SETTLEMENT', 'REQUEST_GRACE'];
    for (const s of finished)
      for (const i of intents) {
        expect(codeOf(() => decisionTransition(i, s, 'ACCEPT'))).toBe('INVALID_TRANSITION');
        expect(codeOf(() => decisionTransition(i, s, 'REJECT'))).toBe('INVALID_TRANSITION');
      }
  });

  it('expires an open proposal at its deadline, a finished one never', () => {
    const expiresAt = new Date('2026-03-02T02:00:00Z');
    expect(hasExpired({ status: 'SUBMITTED', expiresAt }, new Date('2026-03-02T01:59:59Z'))).toBe(false);
    expect(hasExpired({ status: 'SUBMITTED', expiresAt }, expiresAt)).toBe(true);
    expect(hasExpired({ status: 'CONSENTED', expiresAt }, new Date('2026-03-03T00:00:00Z'))).toBe(true);
    expect(hasExpired({ status: 'ACCEPTED', expiresAt }, new Date('2026-03-03T00:00:00Z'))).toBe(false);
  });

  it('counts the deadline in working days of the court calendar', () => {
    const cal = CourtCalendar.china();
    // Thursday 2025-09-25, 10:00 China time: 10 working days skip the National Day week (10-01..10-08)
    // and count the make-up Saturday 2025-09-28 and 2025-10-11.
    const from = new Date('2025-09-25T02:00:00Z');
    expect(expiryOf(cal, from, 10).toISOString()).toBe('2025-10-15T02:00:00.000Z');
    // Without holidays: two plain weeks.
    expect(expiryOf(new CourtCalendar([], []), new Date('2026-03-02T02:00:00Z'), 10).toISOString()).toBe(
      '2026-03-16T02:00:00.000Z',
    );
  });

  it('turns an accepted proposal into the settlement cases records', () => {
    const plan = [
      { dueDate: '2026-04-01', amountFen: 100_00 },
      { dueDate: '2026-05-01', amountFen: 200_00 },
    ];
    expect(
      settlementOf({ intent: 'PROPOSE_INSTALMENTS', terms: null, amountFen: 300_00, paidOn: null, instalments: plan }),
    ).toEqual({ kind: 'INSTALMENT_PLAN', terms: '分期履行', instalments: plan });
    expect(
      settlementOf({
        intent: 'PROPOSE_SETTLEMENT',
        terms: '一次性支付8000元',
        amountFen: 8000_00,
        paidOn: '2026-04-10',
        instalments: null,
      }),
    ).toEqual({
      kind: 'SETTLEMENT',
      terms: '一次性支付8000元',
      instalments: [{ dueDate: '2026-04-10', amountFen: 8000_00 }],
    });
    expect(
      settlementOf({ intent: 'REQUEST_GRACE', terms: null, amountFen: null, paidOn: null, instalments: null }),
    ).toBeNull();
  });
});
