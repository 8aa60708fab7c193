import { graphql, buildSchema } from 'graphql';
import { SCALARS, escapeLike, hasControlCharacters } from '../src';

const schema = buildSchema(
  `scalar Date scalar DateTime scalar Fen type Query { echo(day: Date, at: DateTime, amount: Fen): String }`,
);
for (const [name, scalar] of Object.entries(SCALARS))
  Object.assign(schema.getType(name)!, {
    parseValue: scalar.parseValue,
    parseLiteral: scalar.parseLiteral,
    serialize: scalar.serialize,
  });
const root = { echo: (a: Record<string, unknown>) => JSON.stringify(a) };

async function run(source: string, variableValues?: Record<string, unknown>) {
  return graphql({ schema, source, rootValue: root, variableValues });
}

describe('the shared scalars', () => {
  it('accept good values, as literals and as variables', async () => {
    const r = await run('{ echo(day: "2024-02-29", at: "2024-05-01T08:00:00+08:00", amount: 150) }');
    expect(r.errors).toBeUndefined();
    expect(JSON.parse(r.data!.echo as string)).toEqual({
      day: '2024-02-29',
      at: '2024-05-01T08:00:00+08:00',
      amount: 150,
    });
    const v = await run('query($d: Date, $f: Fen) { echo(day: $d, amount: $f) }', { d: '2024-01-31', f: 100 });
    expect(v.errors).toBeUndefined();
  });

  it.each([
    ['Date', '{ echo(day: "2024-13-01") }'],
    ['Date', '{ echo(day: "2023-02-29") }'],
    ['DateTime', '{ echo(at: "yesterday") }'],
    ['DateTime', '{ echo(at: "2024-05-01") }'],
    ['Fen', '{ echo(amount: 1.5) }'],
    ['Fen', '{ echo(amount: "100") }'],
  ])('refuse a bad %s literal with the scalar named', async (scalar, q) => {
    const r = await run(q);
    expect(r.errors?.[0]?.message).toContain(scalar);
  });

  it.each([
    [{ d: '2024-02-30' }, 'query($d: Date) { echo(day: $d) }', 'Date'],
    [{ f: 1.5 }, 'query($f: Fen) { echo(amount: $f) }', 'Fen'],
    [{ f: 2 ** 60 }, 'query($f: Fen) { echo(amount: $f) }', 'Fen'],
  ])('refuse a bad variable %j with the variable and the scalar named', async (vars, q, scalar) => {
    const r = await run(q, vars);
    expect(r.errors?.[0]?.message).toMatch(/Variable "\$\w" got invalid value/);
    expect(r.errors?.[0]?.message).toContain(scalar);
    expect(r.errors?.[0]?.extensions.code).toBe('VALIDATION_FAILED');
  });
});

describe('text arguments', () => {
  it('find control characters but allow tabs and line breaks', () => {
    expect(hasControlCharacters('张三\u0000')).toBe(true);
    expect(hasControlCharacters('a\u001bb')).toBe(true);
    expect(hasControlCharacters('第一行\n第二行\t完')).toBe(false);
  });
  it('escape LIKE patterns', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
  });
});
