import {
  countyOf,
  divisionLevel,
  isDivisionCode,
  isWithinDivision,
  parentDivision,
  requireDivisionCode,
  routingOf,
  townshipOf,
  villageOf,
} from '../src';

describe('division codes', () => {
  it('have a level by their length', () => {
    expect(divisionLevel('330522')).toBe('COUNTY');
    expect(divisionLevel('330522100')).toBe('TOWNSHIP');
    expect(divisionLevel('330522100201')).toBe('VILLAGE');
    expect(divisionLevel('3305221')).toBeNull();
    expect(divisionLevel('33052a')).toBeNull();
    expect(isDivisionCode('330522100201')).toBe(true);
    expect(isDivisionCode(330522)).toBe(false);
  });

  it('nest by prefix', () => {
    expect(parentDivision('330522100201')).toBe('330522100');
    expect(parentDivision('330522100')).toBe('330522');
    expect(parentDivision('330522')).toBeNull();
    expect(townshipOf('330522100201')).toBe('330522100');
    expect(townshipOf('330522')).toBeNull();
    expect(villageOf('330522100')).toBeNull();
    expect(countyOf('330522100201')).toBe('330522');
    expect(isWithinDivision('330522100201', '330522100')).toBe(true);
    expect(isWithinDivision('330522101201', '330522100')).toBe(false);
    expect(routingOf('330522100201', null)).toEqual({
      county: '330522',
      township: '330522100',
      village: '330522100201',
    });
    expect(routingOf(null, '330522100')).toEqual({ county: '330522', township: '330522100', village: null });
  });

  it('are checked with the field named', () => {
    expect(() => requireDivisionCode('divisionCode', '12')).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'divisionCode' }),
      }),
    );
  });
});
