import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isValidDate } from './calendar';

/**
 * The custom scalars of the supergraph, one definition for the subgraphs and the gateway: a value the
 * gateway accepts is one every subgraph accepts, and a bad one is refused where it arrives, with the
 * scalar named (GraphQL adds the argument or variable it came in).
 */
const invalid = (name: string, why: string) =>
  new GraphQLError(`${name} ${why}`, { extensions: { code: 'VALIDATION_FAILED', scalar: name } });

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function parseDateTime(v: unknown): string {
  if (typeof v !== 'string' || !INSTANT.test(v) || v.startsWith('0000') || Number.isNaN(Date.parse(v))) {
    throw invalid('DateTime', 'must be an ISO-8601 instant with an offset, e.g. 2024-05-01T08:00:00+08:00');
  }
  return v;
}

export function parseDate(v: unknown): string {
  if (typeof v !== 'string' || !isValidDate(v)) throw invalid('Date', 'must be a calendar day YYYY-MM-DD');
  return v;
}

export function parseFen(v: unknown): number {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw invalid('Fen', 'must be a whole number of fen (分)');
  return n;
}

const stringLiteral = (ast: ValueNode): string | null => (ast.kind === Kind.STRING ? ast.value : null);

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO-8601 with an offset.',
  serialize: (v) => {
    const d = v instanceof Date ? v : new Date(String(v));
    if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime cannot represent a value that is not an instant');
    return d.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(stringLiteral(ast)),
});

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: "A calendar day in the court's time zone, YYYY-MM-DD.",
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(stringLiteral(ast)),
});

export const FenScalar = new GraphQLScalarType({
  name: 'Fen',
  description: 'An amount in fen (分), an integer sent as a JSON number.',
  serialize: parseFen,
  parseValue: parseFen,
  parseLiteral: (ast) => parseFen(ast.kind === Kind.INT ? Number(ast.value) : null),
});

/** Any JSON value, passed through as it is (a timeline entry's parameters). Output only in practice. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: () => {
    throw invalid('JSON', 'is not accepted as a literal');
  },
});

/** The scalars by name, as resolver maps and the gateway's schema take them. */
export const SCALARS = { DateTime: DateTimeScalar, Date: DateScalar, Fen: FenScalar } as const;
