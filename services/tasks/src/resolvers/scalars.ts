import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 date-time string.',
  serialize: (v) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString()),
  parseValue: (v) => parseDateTime(v),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
});

function parseDateTime(v: unknown): string {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v)) || !/^\d{4}-\d{2}-\d{2}T/.test(v)) {
    throw new GraphQLError('DateTime must be an ISO-8601 date-time string', { extensions: { code: 'VALIDATION_FAILED' } });
  }
  return v;
}

export const Date_ = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)),
  parseValue: (v) => parseDate(v),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});

function parseDate(v: unknown): string {
  if (typeof v !== 'string' || !DATE_RE.test(v) || Number.isNaN(Date.parse(v))) {
    throw new GraphQLError('Date must be YYYY-MM-DD', { extensions: { code: 'VALIDATION_FAILED' } });
  }
  return v;
}

export const Fen = new GraphQLScalarType({
  name: 'Fen',
  description: 'An amount in fen (分), an integer sent as a JSON number.',
  serialize: (v) => Number(v),
  parseValue: (v) => parseFen(v),
  parseLiteral: (ast) => parseFen(ast.kind === Kind.INT ? Number(ast.value) : null),
});

function parseFen(v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw new GraphQLError('Fen must be an integer amount in fen', { extensions: { code: 'VALIDATION_FAILED' } });
  }
  return v;
}
