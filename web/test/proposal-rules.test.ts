import { checkDraft, isProblem, toFen, type Draft } from '../src/proposal-rules';

const TODAY = '2026-12-03';
const draft = (d: Partial<Draft>): Draft => ({
  intent: 'PROPOSE_INSTALMENTS',
  amount: '',
  day: '',
  text: '',
  months: '1',
  schedule: [],
  ...d,
});

describe('the coming-forward form, checked as the server checks it', () => {
  it('reads 元 as whole fen and refuses anything else', () => {
    expect(toFen('1000')).toBe(100_000);
    expect(toFen('12.34')).toBe(1234);
    expect(toFen('1.234')).toBeNaN();
    expect(toFen('-5')).toBeNaN();
  });

  it('builds an instalment plan, and names the instalment at fault', () => {
    const ok = checkDraft(
      draft({
        schedule: [
          { dueDate: '2027-01-03', amount: '1000' },
          { dueDate: '2027-02-03', amount: '2000.50' },
        ],
        text: ' 分两期 ',
      }),
      TODAY,
      600_000,
    );
    expect(ok).toEqual({
      intent: 'PROPOSE_INSTALMENTS',
      instalments: {
        schedule: [
          { dueDate: '2027-01-03', amountFen: 100_000 },
          { dueDate: '2027-02-03', amountFen: 200_050 },
        ],
        terms: '分两期',
      },
    });
    const rows = (a: string, b: string) => [
      { dueDate: a, amount: '1000' },
      { dueDate: b, amount: '1000' },
    ];
    expect(checkDraft(draft({ schedule: rows('2027-02-03', '2027-01-03') }), TODAY, 600_000)).toEqual({
      field: 'instalments.schedule.1.dueDate',
      key: 'cf.err.order',
    });
    expect(checkDraft(draft({ schedule: rows('2026-12-02', '2027-01-03') }), TODAY, 600_000)).toEqual({
      field: 'instalments.schedule.0.dueDate',
      key: 'cf.err.past',
    });
    expect(checkDraft(draft({ schedule: rows('2026-12-03', '2027-01-03') }), TODAY, 150_000)).toEqual({
      field: 'instalments.schedule',
      key: 'cf.err.overBalance',
    });
    expect(checkDraft(draft({ schedule: [] }), TODAY, 1)).toMatchObject({ key: 'cf.err.empty' });
  });

  it('checks a payment, a settlement and a grace request', () => {
    expect(checkDraft(draft({ intent: 'PAY_NOW', amount: '0', day: TODAY }), TODAY, 100)).toEqual({
      field: 'payNow.amountFen',
      key: 'cf.err.amount',
    });
    expect(checkDraft(draft({ intent: 'PAY_NOW', amount: '2', day: TODAY }), TODAY, 100)).toMatchObject({
      key: 'cf.err.overBalance',
    });
    expect(checkDraft(draft({ intent: 'PAY_NOW', amount: '1', day: TODAY }), TODAY, 100)).toEqual({
      intent: 'PAY_NOW',
      payNow: { amountFen: 100, paidOn: TODAY, note: null },
    });
    expect(
      checkDraft(draft({ intent: 'PROPOSE_SETTLEMENT', amount: '1', day: '2026-12-01', text: '和解' }), TODAY, 500),
    ).toEqual({ field: 'settlement.payBy', key: 'cf.err.past' });
    expect(checkDraft(draft({ intent: 'PROPOSE_SETTLEMENT', amount: '1', day: TODAY }), TODAY, 500)).toEqual({
      field: 'settlement.terms',
      key: 'cf.err.required',
    });
    expect(checkDraft(draft({ intent: 'REQUEST_GRACE', months: '4', text: '生病' }), TODAY, 500)).toEqual({
      field: 'grace.months',
      key: 'cf.err.months',
    });
    const grace = checkDraft(draft({ intent: 'REQUEST_GRACE', months: '2', text: '生病住院' }), TODAY, 500);
    expect(isProblem(grace)).toBe(false);
    expect(grace).toEqual({ intent: 'REQUEST_GRACE', grace: { months: 2, reasons: '生病住院' } });
  });
});
