import {
  addCountiesOfUndividedCities,
  divisionName,
  inScope,
  listParent,
  normalizeListCode,
  parseListLine,
  parseMappingLine,
  requireScope,
  type ListEntry,
} from './division-list';

describe('division list rules', () => {
  it('reads the level of a padded official code from its trailing zeros', () => {
    expect(normalizeListCode('330000000000')).toBe('33');
    expect(normalizeListCode('330500000000')).toBe('3305');
    expect(normalizeListCode('331000000000')).toBe('3310');
    expect(normalizeListCode('330522000000')).toBe('330522');
    expect(normalizeListCode('330522104000')).toBe('330522104');
    expect(normalizeListCode('330522104201')).toBe('330522104201');
    expect(normalizeListCode('330522104')).toBe('330522104');
    expect(normalizeListCode('3305221')).toBeNull();
    expect(normalizeListCode('33a')).toBeNull();
  });

  it('names a village for itself, not its committee', () => {
    expect(divisionName('VILLAGE', '港口村委会')).toBe('港口村');
    expect(divisionName('VILLAGE', '民乐新村村民委员会')).toBe('民乐新村');
    expect(divisionName('VILLAGE', '多福巷社区居委会')).toBe('多福巷社区');
    expect(divisionName('VILLAGE', '钮店湾居委会')).toBe('钮店湾社区');
    expect(divisionName('VILLAGE', '西城社区居民委员会')).toBe('西城社区');
    expect(divisionName('VILLAGE', '周村村委会')).toBe('周村');
    expect(divisionName('VILLAGE', '敦达乌苏嘎查')).toBe('敦达乌苏嘎查');
    expect(divisionName('TOWNSHIP', '虹星桥镇')).toBe('虹星桥镇');
  });

  it('walks one level up the list', () => {
    expect(listParent('330522104201')).toBe('330522104');
    expect(listParent('330522104')).toBe('330522');
    expect(listParent('330522')).toBe('3305');
    expect(listParent('3305')).toBe('33');
    expect(listParent('33')).toBeNull();
  });

  it('keeps a scope and its ancestors', () => {
    expect(inScope('330522104201', '330522')).toBe(true);
    expect(inScope('3305', '330522')).toBe(true);
    expect(inScope('330523', '330522')).toBe(false);
    expect(inScope('110101', null)).toBe(true);
    expect(requireScope('province', '33')).toBe('33');
    expect(() => requireScope('county', '3305')).toThrow(/6-digit/);
  });

  it('parses list and mapping lines, quoted or not', () => {
    expect(parseListLine('330522104201,"港口村委会",330522104,33')).toEqual({
      code: '330522104201',
      name: '港口村委会',
    });
    expect(parseListLine('330522104000,虹星桥镇')).toEqual({ code: '330522104000', name: '虹星桥镇' });
    expect(parseListLine('code,name')).toBeNull();
    expect(parseMappingLine('330523103203,330523103202')).toEqual({ oldCode: '330523103203', newCode: '330523103202' });
    expect(parseMappingLine('330523103000,330523104000')).toEqual({ oldCode: '330523103', newCode: '330523104' });
    expect(parseMappingLine('old_code,new_code')).toBeNull();
  });

  it('gives the towns of a prefecture without counties a county of its name', () => {
    const list = new Map<string, ListEntry>([
      ['4419', { code: '4419', level: 'PREFECTURE', name: '东莞市' }],
      ['441900003', { code: '441900003', level: 'TOWNSHIP', name: '东城街道' }],
    ]);
    addCountiesOfUndividedCities(list);
    expect(list.get('441900')).toEqual({ code: '441900', level: 'COUNTY', name: '东莞市' });
  });
});
