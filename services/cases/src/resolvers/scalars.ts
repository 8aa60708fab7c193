import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isValidDate } from '../domain/dates';

const invalid = (name: string, why: string) => new GraphQLError(`${name}: ${why}`, { extensions: { code: 'VALIDATION_FAILED', field: name } });

export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)),
  parseValue: (v) => {
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw invalid('DateTime', 'must be an ISO-8601 instant');
    return v;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || Number.isNaN(Date.parse(ast.value))) throw invalid('DateTime', 'must be an ISO-8601 instant');
    return ast.value;
  },
});

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)),
  parseValue: (v) => {
    if (typeof v !== 'string' || !isValidDate(v)) throw invalid('Date', 'must be a date YYYY-MM-DD');
    return v;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !isValidDate(ast.value)) throw invalid('Date', 'must be a date YYYY-MM-DD');
    return ast.value;
  },
});

const toFen = (v: unknown): number => {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw invalid('Fen', 'must be a whole number of fen');
  return n;
};

export const Fen = new GraphQLScalarType({
  name: 'Fen',
  serialize: toFen,
  parseValue: toFen,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) throw invalid('Fen', 'must be a whole number of fen');
    return toFen(Number(ast.value));
  },
});
