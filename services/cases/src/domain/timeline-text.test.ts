import { LOCALES } from '@zhiyuan/kernel';
import { TIMELINE_KINDS, TIMELINE_TEXTS, namesNeeded, timelineSummary, type TimelineNames } from './timeline-text';

const names: TimelineNames = {
  staff: (id) => (id === 'o1' ? '李警官' : null),
  division: (code) => ({ '330522104': '虹星桥镇', '330522104201': '港口村' })[code] ?? null,
};
const HAN = /[\u4e00-\u9fff]/;

describe('timeline texts', () => {
  it('has a Chinese and an English text for every kind, whatever parameters it got', () => {
    for (const kind of TIMELINE_KINDS) {
      for (const locale of LOCALES) {
        const t = TIMELINE_TEXTS[kind][locale]({ p: {}, names });
        expect(t.length).toBeGreaterThan(2);
        if (locale === 'zh-CN') expect(t).toMatch(HAN);
        else expect(t).not.toMatch(HAN);
      }
    }
  });

  it('writes amounts in 元 and names instead of ids', () => {
    const filed = {
      kind: 'ENFORCEMENT_FILED',
      parameters: { enforcementNumber: '(2024)浙0522执1号', officerId: 'o1', amountAppliedFen: 1234567 },
    };
    expect(timelineSummary(filed, 'zh-CN', names)).toBe(
      '立案执行 (2024)浙0522执1号，申请执行标的 12,345.67 元，由执行员李警官承办',
    );
    expect(timelineSummary(filed, 'en', names)).toBe(
      'Enforcement case (2024)浙0522执1号 filed for ¥12,345.67, with enforcement officer 李警官',
    );
    const unknown = { kind: 'OFFICER_ASSIGNED', parameters: { officerId: 'o2', reason: '法官指定' } };
    expect(timelineSummary(unknown, 'zh-CN', names)).toBe('案件交由执行员（尚未登记的执行员）承办（法官指定）');
  });

  it('names a route by township and village, the code when the name is unknown', () => {
    const moved = {
      kind: 'REROUTED',
      parameters: {
        from: { villageCode: '330522104201', townshipCode: '330522104' },
        to: { villageCode: '330522106201', townshipCode: '330522106' },
      },
    };
    expect(timelineSummary(moved, 'zh-CN', names)).toBe('随被执行人户籍地变更，由虹星桥镇港口村转至330522106201');
    expect(namesNeeded('REROUTED', moved.parameters).divisionCodes).toEqual([
      '330522104201',
      '330522104',
      '330522106201',
      '330522106',
    ]);
  });

  it('puts states, outcomes and the service’s own reasons into words; a person’s reason as written', () => {
    expect(timelineSummary({ kind: 'CLOSED', parameters: { outcome: 'SETTLED_AND_PERFORMED' } }, 'zh-CN', names)).toBe(
      '结案：和解协议履行完毕',
    );
    expect(
      timelineSummary(
        { kind: 'REOPENED', parameters: { from: 'COMPLETED', to: 'IN_PROGRESS', reason: 'payment reversed' } },
        'zh-CN',
        names,
      ),
    ).toBe('案件重新开启，由「执行完毕」回到「执行中」（付款冲正）');
    expect(
      timelineSummary(
        { kind: 'PAYMENT_REFUSED', parameters: { amountFen: 500000, code: 'RULE_VIOLATION', rule: 'overpayment' } },
        'en',
        names,
      ),
    ).toBe('The meeting payment of ¥5,000.00 was not recorded: This breaks the rule overpayment');
  });

  it('shows the old sentence of an entry that could not be structured, and the code of an unknown kind', () => {
    expect(
      timelineSummary({ kind: 'PAYMENT_RECORDED', parameters: {}, legacySummary: 'Paid a lot' }, 'zh-CN', names),
    ).toBe('Paid a lot');
    expect(timelineSummary({ kind: 'SOMETHING_NEW', parameters: {} }, 'en', names)).toBe('SOMETHING_NEW');
  });
});
