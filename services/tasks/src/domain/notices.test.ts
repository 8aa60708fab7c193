import { isNoticeOn, parseNoticesOff, unpaidInstalments } from './notices';

describe('notices switched off per court', () => {
  it('reads everywhere and per-court entries, case-insensitively, ignoring blanks', () => {
    expect(parseNoticesOff('')).toEqual({ ok: true, off: [] });
    expect(parseNoticesOff(' listing_added ,,湖州市中级人民法院:CASE_CLOSED')).toEqual({
      ok: true,
      off: [
        { court: null, notice: 'LISTING_ADDED' },
        { court: '湖州市中级人民法院', notice: 'CASE_CLOSED' },
      ],
    });
  });

  it('names the first entry that is no notice', () => {
    expect(parseNoticesOff('CASE_CLOSED,CASE_CLOSD')).toEqual({ ok: false, entry: 'CASE_CLOSD' });
    expect(parseNoticesOff(' :CASE_CLOSED')).toEqual({ ok: false, entry: ':CASE_CLOSED' });
  });

  it('keeps a notice on unless switched off everywhere or for that court', () => {
    const off = [
      { court: null, notice: 'LISTING_ADDED' as const },
      { court: '长兴县人民法院', notice: 'CASE_CLOSED' as const },
    ];
    expect(isNoticeOn(off, 'LISTING_ADDED', '长兴县人民法院')).toBe(false);
    expect(isNoticeOn(off, 'LISTING_ADDED', null)).toBe(false);
    expect(isNoticeOn(off, 'CASE_CLOSED', '长兴县人民法院')).toBe(false);
    expect(isNoticeOn(off, 'CASE_CLOSED', '湖州市中级人民法院')).toBe(true);
    expect(isNoticeOn(off, 'CASE_CLOSED', null)).toBe(true);
    expect(isNoticeOn(off, 'PAYMENT_RECORDED', '长兴县人民法院')).toBe(true);
  });
});

describe('instalments paid earliest first', () => {
  const schedule = [
    { no: 2, amountFen: 200_000 },
    { no: 1, amountFen: 100_000 },
    { no: 3, amountFen: 300_000 },
  ];

  it('leaves out what is paid and counts a part payment on the next instalment', () => {
    expect(unpaidInstalments(schedule, 0)).toEqual(
      new Map([
        [1, 100_000],
        [2, 200_000],
        [3, 300_000],
      ]),
    );
    expect(unpaidInstalments(schedule, 150_000)).toEqual(
      new Map([
        [2, 150_000],
        [3, 300_000],
      ]),
    );
    expect(unpaidInstalments(schedule, 300_000)).toEqual(new Map([[3, 300_000]]));
    expect(unpaidInstalments(schedule, 700_000)).toEqual(new Map());
  });
});
