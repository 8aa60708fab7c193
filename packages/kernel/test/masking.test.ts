import { auditChanges, maskForAudit } from '../src';

describe('audit changes', () => {
  it('lists only the fields that changed, in the given order, with both values', () => {
    expect(
      auditChanges(
        { name: '张三', lowIncome: false, homeDivisionCode: '330522104201', note: 'x' },
        { name: '张三', lowIncome: true, homeDivisionCode: '330522106201', note: 'y' },
        ['homeDivisionCode', 'name', 'lowIncome'],
      ),
    ).toEqual([
      { field: 'homeDivisionCode', before: '330522104201', after: '330522106201' },
      { field: 'lowIncome', before: false, after: true },
    ]);
  });

  it('masks ID numbers, phones and addresses as displays do', () => {
    expect(
      auditChanges(
        { idNumber: '330522199001011234', phone: '13812345678', address: '长兴县虹星桥镇港口村5号' },
        { idNumber: '330522199001015678', phone: '13987654321', address: '长兴县和平镇方家庄村8号' },
        ['idNumber', 'phone', 'address'],
      ),
    ).toEqual([
      { field: 'idNumber', before: '3305221990****1234', after: '3305221990****5678' },
      { field: 'phone', before: '138****5678', after: '139****4321' },
      { field: 'address', before: '长兴县虹星桥****', after: '长兴县和平镇****' },
    ]);
    expect(JSON.stringify(auditChanges({ phone: null }, { phone: '13812345678' }, ['phone']))).not.toContain(
      '13812345678',
    );
    expect(maskForAudit('phone', null)).toBeNull();
  });

  it('compares dates by instant and absent values as null', () => {
    const d = new Date('2024-06-03T00:00:00Z');
    expect(auditChanges({ at: d }, { at: new Date(d.getTime()) }, ['at'])).toEqual([]);
    expect(auditChanges({ graceUntil: undefined }, { graceUntil: null }, ['graceUntil'])).toEqual([]);
    expect(auditChanges({ graceUntil: null }, { graceUntil: '2024-09-03' }, ['graceUntil'])).toEqual([
      { field: 'graceUntil', before: null, after: '2024-09-03' },
    ]);
  });
});
