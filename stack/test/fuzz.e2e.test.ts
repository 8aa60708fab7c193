import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { DEMO_ROLES, issueToken } from '@zhiyuan/gateway';
import { DEV_JWT, useE2eStack } from './support/e2e';

/**
 * Schema-driven fuzzing through the gateway: a few hundred random operations over the API schema
 * (random root fields, arguments valid and invalid, random selections), half anonymous and half as
 * an admin. No answer may be a 5xx, an INTERNAL_SERVER_ERROR, carry a stack trace or SQL text, or
 * show an anonymous caller a full 18-digit ID number. Seeded: the seed is printed, and FUZZ_SEED
 * replays one run (FUZZ_RUNS changes how many operations, FUZZ_VERBOSE=1 prints every operation and
 * its answer).
 */

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
type Rng = ReturnType<typeof prng>;

/** Ids seen in the demo data, so some operations reach real rows and not only NOT_FOUND. */
const knownIds: string[] = [];

const TEXT = [
  '',
  'abc',
  '张三',
  '虹星桥镇',
  'tab\tline\nfeed\r',
  "'; DROP TABLE cases; --",
  '%_\\',
  '🙂',
  'x'.repeat(5_000),
  ' ',
];
const BAD_TEXT = ['a\u0000b', '\u0000', 'bell\u0007', 'esc\u001b[31m', '\u007f', 'x'.repeat(60_000)];
const IDS = [
  '330522',
  '330522104',
  '330522104201',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '',
  '1'.repeat(200),
  '-1',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];
const BAD_IDS = ['33052210420\u0000', '\u0000', 1.5, true, { a: 1 }];
const INTS = [0, 1, -1, 10, 1_000, 2 ** 31 - 1];
const BAD_INTS: unknown[] = [2 ** 31, -(2 ** 31) - 1, 1e20, 1.5, 'x', true, '10'];
const FENS = [0, 100, 123_456, -5];
const BAD_FENS: unknown[] = [1.5, 1e300, 'abc', '1e3', 2 ** 53, Number.MAX_SAFE_INTEGER + 2, true];
const DATES = ['2024-01-31', '2024-06-01', '2025-12-31'];
const BAD_DATES: unknown[] = ['2024-13-01', '2024-02-30', 'yesterday', '', 20240101, '2024-1-1', '0000-00-00'];
const DATETIMES = ['2024-05-01T08:00:00+08:00', '2024-05-01T00:00:00Z'];
const BAD_DATETIMES: unknown[] = [
  '2024-05-01',
  'not a time',
  '0000-01-01T00:00:00Z',
  '2024-05-01T25:00:00Z',
  1714550400000,
];

/** A JSON value for an input type: mostly valid, sometimes not (`bad` is the chance per value). */
function inputValue(r: Rng, type: GraphQLInputType, bad: number, depth = 0, nullable = true): unknown {
  if (isNonNullType(type)) return r.chance(bad / 4) ? null : inputValue(r, type.ofType, bad, depth, false);
  if (nullable && r.chance(0.05)) return null;
  if (isListType(type)) {
    if (r.chance(bad / 3)) return inputValue(r, type.ofType, bad, depth + 1);
    return Array.from({ length: r.int(depth > 1 ? 2 : 4) }, () => inputValue(r, type.ofType, bad, depth + 1));
  }
  if (isEnumType(type)) return r.chance(bad) ? r.pick(['NOT_A_VALUE', 'admin', '', 42]) : r.pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      const required = isNonNullType(f.type) && f.defaultValue === undefined;
      if (required ? !r.chance(bad / 4) : r.chance(0.5))
        out[f.name] = depth > 3 ? null : inputValue(r, f.type, bad, depth + 1);
    }
    if (r.chance(bad / 4)) out.notAField = 1;
    return out;
  }
  const wrong = r.chance(bad);
  switch (type.name) {
    case 'String':
      return wrong ? r.pick([...BAD_TEXT, 1, true, { a: 1 }]) : r.pick(TEXT);
    case 'ID':
      return wrong ? r.pick(BAD_IDS) : r.chance(0.5) && knownIds.length ? r.pick(knownIds) : r.pick(IDS);
    case 'Int':
      return wrong ? r.pick(BAD_INTS) : r.pick(INTS);
    case 'Float':
      return wrong ? r.pick(['x', true, 1e400]) : r.pick([0, 1.5, -3, 1e10]);
    case 'Boolean':
      return wrong ? r.pick(['yes', 0, 'true']) : r.chance(0.5);
    case 'Fen':
      return wrong ? r.pick(BAD_FENS) : r.pick(FENS);
    case 'Date':
      return wrong ? r.pick(BAD_DATES) : r.pick(DATES);
    case 'DateTime':
      return wrong ? r.pick(BAD_DATETIMES) : r.pick(DATETIMES);
    default:
      return r.pick(TEXT);
  }
}

/** The same value as a GraphQL literal (enum values bare, object keys unquoted). */
function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => literal(v, isListType(isNonNullType(type) ? type.ofType : type) ? ((isNonNullType(type) ? type.ofType : type) as { ofType: GraphQLInputType }).ofType : type)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? (named as GraphQLInputType))}`)
      .join(', ')} }`;
  }
  if (isEnumType(named) && typeof value === 'string' && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  if (typeof value === 'number' && !Number.isFinite(value)) return '1e400';
  return JSON.stringify(value);
}

interface Op {
  who: 'anonymous' | 'admin';
  query: string;
  variables: Record<string, unknown>;
}

/** Arguments of one field: inline literals or variables, at random. */
function argumentsOf(
  r: Rng,
  field: GraphQLField<unknown, unknown>,
  vars: { defs: string[]; values: Record<string, unknown> },
  bad: number,
  root = false,
): string {
  const parts: string[] = [];
  for (const a of field.args) {
    const required = isNonNullType(a.type) && a.defaultValue === undefined;
    if (!required && !r.chance(0.5)) continue;
    if (required && r.chance(bad / 5)) continue;
    const value = inputValue(r, a.type, bad);
    if (r.chance(0.5)) {
      const name = `v${vars.defs.length}`;
      vars.defs.push(`$${name}: ${String(a.type)}`);
      if (value !== undefined) vars.values[name] = value;
      parts.push(`${a.name}: $${name}`);
    } else {
      parts.push(`${a.name}: ${literal(value, a.type)}`);
    }
  }
  if (root && r.chance(bad / 4)) parts.push(r.pick(['notAnArgument: 1', 'first: "ten"', 'id: 12']));
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** A selection for an output type: a few fields, nested up to `depth`. */
function selection(
  r: Rng,
  type: GraphQLOutputType,
  vars: { defs: string[]; values: Record<string, unknown> },
  bad: number,
  depth: number,
): string {
  const named = getNamedType(type) as GraphQLNamedType;
  if (isLeafType(named)) return '';
  if (isUnionType(named) || isInterfaceType(named)) {
    const possible = isUnionType(named) ? named.getTypes() : [];
    const on = possible.length ? r.pick(possible) : undefined;
    return `{ __typename${on ? ` ... on ${on.name} ${selection(r, on, vars, bad, depth)}` : ''} }`;
  }
  if (!isObjectType(named)) return '{ __typename }';
  const fields = Object.values(named.getFields());
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
  const chosen = new Set<GraphQLField<unknown, unknown>>();
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) {
    const f = r.pick(fields);
    if (depth <= 0 && !isLeafType(getNamedType(f.type))) continue;
    chosen.add(f);
  }
  if (![...chosen].some((f) => isLeafType(getNamedType(f.type))))
    chosen.add(leaves.length ? r.pick(leaves) : fields[0]!);
  const parts = [...chosen].map(
    (f) =>
      `${f.name}${argumentsOf(r, f, vars, bad)}${isLeafType(getNamedType(f.type)) ? '' : ` ${selection(r, f.type, vars, bad, depth - 1)}`}`,
  );
  if (depth === 0 && r.chance(bad / 4)) parts.push('notAField');
  return `{ ${parts.join(' ')} }`;
}

function operation(r: Rng, schema: GraphQLSchema): Op {
  const mutation = r.chance(0.25) && schema.getMutationType();
  const root = mutation || schema.getQueryType()!;
  const field = r.pick(Object.values(root.getFields()).filter((f) => !f.name.startsWith('_')));
  const bad = r.pick([0, 0, 0.05, 0.2, 0.5]);
  const vars = { defs: [] as string[], values: {} as Record<string, unknown> };
  const args = argumentsOf(r, field, vars, bad, true);
  const sel = isLeafType(getNamedType(field.type)) ? '' : ` ${selection(r, field.type, vars, bad, r.int(3))}`;
  const body = `{ ${field.name}${args}${sel} }`;
  const query = `${mutation ? 'mutation' : 'query'} Fuzz${vars.defs.length ? `(${vars.defs.join(', ')})` : ''} ${body}`;
  return {
    who: r.chance(0.5) ? 'anonymous' : 'admin',
    query,
    variables: vars.values,
  };
}

/** What no answer may carry: a stack frame, or PostgreSQL's or TypeORM's text. */
const STACK = /\n\s+at\s|\bat\s+[\w.<>]+\s+\([^)]*:\d+:\d+\)|"stacktrace"/;
const SQL =
  /syntax error at or near|violates (not-null|foreign key|unique|check) constraint|invalid input syntax for|relation "[^"]+" does not exist|column "[^"]+" (does not exist|of relation)|QueryFailedError|invalid byte sequence|\bSELECT\b[^"]{0,200}\bFROM\s+"?\w+"?\."?\w+/;
const ID_NUMBER = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/g;

/**
 * Failures found inside a service that no edge check can cover (the value is valid GraphQL), each to
 * be fixed in its service; until then they are printed, not failed. Keep each match narrow.
 */
const KNOWN: { issue: string; matches: (op: Op, answer: string) => boolean }[] = [];

interface Failure {
  index: number;
  who: string;
  query: string;
  variables: unknown;
  status: number;
  why: string;
  answer: string;
}

describe(`fuzzing through the gateway (FUZZ_SEED=${SEED})`, () => {
  const e2e = useE2eStack({ name: 'fuzz', env: { RESPONSE_CACHE: 'off', TASK_SCHEDULERS_ENABLED: undefined } });
  let schema: GraphQLSchema;
  let adminToken = '';

  const send = async (op: Op) => {
    const res = await fetch(e2e.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(op.who === 'admin' ? { authorization: `Bearer ${adminToken}` } : {}),
      },
      body: JSON.stringify({ query: op.query, variables: op.variables }),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
    adminToken = await issueToken(DEMO_ROLES.admin!, DEV_JWT);
    const intro = await send({
      who: 'admin',
      query: getIntrospectionQuery(),
      variables: {},
    });
    schema = buildClientSchema((JSON.parse(intro.text) as { data: IntrospectionQuery }).data);
    const seen = await send({
      who: 'admin',
      query:
        '{ cases(first: 5) { nodes { id } } parties(first: 5) { nodes { id } } staffMembers(first: 3) { nodes { id } } }',
      variables: {},
    });
    for (const m of seen.text.matchAll(/"id":"([^"]+)"/g)) knownIds.push(m[1]!);
  });

  it(`answers ${RUNS} random operations without a server error or a leak`, async () => {
    const r = prng(SEED);
    const ops = Array.from({ length: RUNS }, () => operation(r, schema));
    const failures: Failure[] = [];
    const outcomes = new Map<string, number>();
    const started = Date.now();
    // Two at a time: the machine is small, and order within a pair does not matter for what is checked.
    for (let i = 0; i < ops.length; i += 2) {
      await Promise.all(
        ops.slice(i, i + 2).map(async (op, k) => {
          const index = i + k;
          let answer: { status: number; text: string };
          try {
            answer = await send(op);
          } catch (err) {
            failures.push({
              index,
              who: op.who,
              query: op.query,
              variables: op.variables,
              status: 0,
              why: `no answer: ${String(err)}`,
              answer: '',
            });
            return;
          }
          const codes = [...answer.text.matchAll(/"code":"([A-Z_]+)"/g)].map((m) => m[1]);
          const outcome = `${answer.status} ${codes[0] ?? (answer.text.includes('"data":{') ? 'data' : '?')}`;
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          if (process.env.FUZZ_VERBOSE)
            process.stdout.write(
              `#${index} ${op.who} ${outcome} ${op.query.slice(0, 300)} ${JSON.stringify(op.variables).slice(0, 200)} => ${answer.text.slice(0, 300)}\n`,
            );
          const why: string[] = [];
          if (answer.status >= 500) why.push(`HTTP ${answer.status}`);
          if (answer.text.includes('INTERNAL_SERVER_ERROR')) why.push('INTERNAL_SERVER_ERROR');
          if (STACK.test(answer.text)) why.push('stack trace');
          if (SQL.test(answer.text)) why.push('SQL text');
          if (op.who === 'anonymous') {
            const sent = JSON.stringify(op);
            const leaked = [...answer.text.matchAll(ID_NUMBER)].map((m) => m[0]).filter((n) => !sent.includes(n));
            if (leaked.length) why.push(`ID number ${leaked[0]} shown to an anonymous caller`);
          }
          const known = why.length ? KNOWN.find((k) => k.matches(op, answer.text)) : undefined;
          if (known) {
            process.stdout.write(`fuzz: known issue at #${index} (${known.issue}): ${op.query.slice(0, 200)}\n`);
            return;
          }
          if (why.length)
            failures.push({
              index,
              who: op.who,
              query: op.query,
              variables: op.variables,
              status: answer.status,
              why: why.join(', '),
              answer: answer.text.slice(0, 600),
            });
        }),
      );
    }
    if (failures.length) {
      console.log(
        `fuzz: ${failures.length} failures (FUZZ_SEED=${SEED})\n${failures.map((f) => JSON.stringify(f)).join('\n')}`,
      );
    }
    console.log(
      `fuzz: ${ops.length} operations in ${Date.now() - started} ms; answers: ${[...outcomes]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ×${n}`)
        .join(', ')}`,
    );
    expect(failures.map((f) => `#${f.index} ${f.who} ${f.why}: ${f.query.slice(0, 200)}`)).toEqual([]);
  }, 120_000);
});
