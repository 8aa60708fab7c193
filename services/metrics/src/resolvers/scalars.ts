import { GraphQLScalarType, Kind } from 'graphql';

const passString = (name: string, description: string, check: (v: string) => boolean) =>
  new GraphQLScalarType({
    name,
    description,
    serialize: (v) => (v instanceof Date ? (name === 'Date' ? v.toISOString().slice(0, 10) : v.toISOString()) : String(v)),
    // Inputs are checked by the resolvers (zod), so a bad value becomes VALIDATION_FAILED naming its field.
    parseValue: (v) => v,
    parseLiteral: (ast) => (ast.kind === Kind.STRING && check(ast.value) ? ast.value : ast.kind === Kind.STRING ? ast.value : null),
  });

export const DateTime = passString('DateTime', 'An instant, ISO-8601 with offset.', () => true);
export const DateScalar = passString('Date', 'A calendar day, YYYY-MM-DD.', () => true);

export const Fen = new GraphQLScalarType({
  name: 'Fen',
  description: 'An integer amount in fen (分).',
  serialize: (v) => Number(v),
  parseValue: (v) => v,
  parseLiteral: (ast) => (ast.kind === Kind.INT ? Number(ast.value) : null),
});
