import { buildSchema, parse, validate } from 'graphql';
import { FiniteNumberLiterals } from '../src/finite-numbers';

const schema = buildSchema(`type Query { score(weight: Float, count: Int): Float }`);
const check = (q: string) => validate(schema, parse(q), [FiniteNumberLiterals]).map((e) => e.message);

describe('number literals a subgraph operation can carry', () => {
  it('refuses a Float literal beyond a double, naming it', () => {
    expect(check('{ score(weight: 1e400) }')).toEqual(['The number 1e400 is out of range']);
    expect(check('{ score(weight: -1e400) }')).toEqual(['The number -1e400 is out of range']);
  });

  it('lets every finite number through', () => {
    expect(check('{ score(weight: 1.5e300, count: 3) }')).toEqual([]);
    expect(check('{ score(weight: 0.0000001) }')).toEqual([]);
  });
});
