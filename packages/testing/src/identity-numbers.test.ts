import { residentIdNumber } from './identity-numbers';

describe('residentIdNumber', () => {
  it('computes the GB 11643 check digit', () => {
    // The standard's published example: 11010519491231002X.
    expect(residentIdNumber('19491231', 2, '110105')).toBe('11010519491231002X');
    expect(residentIdNumber('19800101', 451)).toMatch(/^33052219800101451[\dX]$/);
  });
});
