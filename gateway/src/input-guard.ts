import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLScalarType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import type { Logger } from '@zhiyuan/config';
import { SCALARS, hasControlCharacters } from '@zhiyuan/kernel';

/**
 * The edge's check of every input value, once per request and not per resolver: text (String, ID)
 * without control characters, which PostgreSQL refuses (NUL) or which have no place in any field;
 * and the custom scalars parsed with the subgraphs' own parsers, so a value the gateway lets through
 * is one every subgraph accepts. Inline literals (in arguments, nested input objects and lists) and
 * variables (with their defaults) are both checked, before any subgraph is called.
 */

type Problem = {
  code: 'VALIDATION_FAILED' | 'BAD_USER_INPUT';
  field: string;
  message: string;
};

const CUSTOM: Record<string, GraphQLScalarType> = SCALARS;
const isText = (t: GraphQLScalarType) => t.name === 'String' || t.name === 'ID';
const controlMessage = (field: string) => `${field}: must not contain control characters`;

function scalarProblem(field: string, err: unknown): Problem {
  return {
    code: 'BAD_USER_INPUT',
    field,
    message: `${field}: ${err instanceof Error ? err.message : String(err)}`,
  };
}

/** A literal against its input type; variables inside it are checked with the variables. */
function checkLiteral(node: ValueNode, type: GraphQLInputType, field: string): Problem | undefined {
  if (node.kind === Kind.VARIABLE || node.kind === Kind.NULL) return undefined;
  if (isNonNullType(type)) return checkLiteral(node, type.ofType, field);
  if (isListType(type)) {
    if (node.kind !== Kind.LIST) return checkLiteral(node, type.ofType, field);
    for (let i = 0; i < node.values.length; i++) {
      const p = checkLiteral(node.values[i]!, type.ofType, `${field}.${i}`);
      if (p) return p;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    if (node.kind !== Kind.OBJECT) return undefined;
    const fields = type.getFields();
    for (const f of node.fields) {
      const def = fields[f.name.value];
      const p = def && checkLiteral(f.value, def.type, `${field}.${f.name.value}`);
      if (p) return p;
    }
    return undefined;
  }
  if (!isScalarType(type)) return undefined;
  if (isText(type))
    return node.kind === Kind.STRING && hasControlCharacters(node.value)
      ? { code: 'VALIDATION_FAILED', field, message: controlMessage(field) }
      : undefined;
  const custom = CUSTOM[type.name];
  if (custom) {
    try {
      custom.parseLiteral(node, undefined);
    } catch (err) {
      return scalarProblem(field, err);
    }
  }
  return undefined;
}

/** A variable's value (JSON) against its input type. */
function checkValue(value: unknown, type: GraphQLInputType, field: string): Problem | undefined {
  if (value === null || value === undefined) return undefined;
  if (isNonNullType(type)) return checkValue(value, type.ofType, field);
  if (isListType(type)) {
    if (!Array.isArray(value)) return checkValue(value, type.ofType, field);
    for (let i = 0; i < value.length; i++) {
      const p = checkValue(value[i], type.ofType, `${field}.${i}`);
      if (p) return p;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) return undefined;
    const fields = type.getFields();
    for (const [k, v] of Object.entries(value)) {
      const def = fields[k];
      const p = def && checkValue(v, def.type, `${field}.${k}`);
      if (p) return p;
    }
    return undefined;
  }
  if (!isScalarType(type)) return undefined;
  if (isText(type))
    return typeof value === 'string' && hasControlCharacters(value)
      ? { code: 'VALIDATION_FAILED', field, message: controlMessage(field) }
      : undefined;
  const custom = CUSTOM[type.name];
  if (custom) {
    try {
      custom.parseValue(value);
    } catch (err) {
      return scalarProblem(field, err);
    }
  }
  return undefined;
}

/** The first bad literal of an operation (and the fragments of its document), named `field.argument[.path]`. */
function checkLiterals(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): Problem | undefined {
  let problem: Problem | undefined;
  const typeInfo = new TypeInfo(schema);
  for (const def of document.definitions) {
    if (problem) break;
    if (def !== operation && def.kind !== Kind.FRAGMENT_DEFINITION) continue;
    visit(
      def,
      visitWithTypeInfo(typeInfo, {
        VariableDefinition(node) {
          const type = typeFromAST(schema, node.type) as GraphQLInputType | undefined;
          if (node.defaultValue && type)
            problem ??= checkLiteral(node.defaultValue, type, `$${node.variable.name.value}`);
          return false;
        },
        Argument(node) {
          const arg = typeInfo.getArgument();
          const owner = typeInfo.getDirective() ? `@${typeInfo.getDirective()!.name}` : typeInfo.getFieldDef()?.name;
          if (arg && owner) problem ??= checkLiteral(node.value, arg.type, `${owner}.${node.name.value}`);
          return false;
        },
      }),
    );
  }
  return problem;
}

function refusal(p: Problem): GraphQLError {
  return new GraphQLError(p.message, {
    extensions: { code: p.code, field: p.field, http: { status: 400 } },
  });
}

export function inputGuardPlugin(log: Logger): ApolloServerPlugin {
  // A document from Apollo's cache is the same object each time, so its literals are checked once.
  const literals = new WeakMap<OperationDefinitionNode, Problem | null>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          if (!operation) {
            throw new GraphQLError(
              request.operationName
                ? `Unknown operation named "${request.operationName}"`
                : 'The document has several operations; name the one to run in operationName',
              {
                extensions: {
                  code: 'OPERATION_RESOLUTION_FAILURE',
                  http: { status: 400 },
                },
              },
            );
          }
          let problem = literals.get(operation);
          if (problem === undefined) {
            problem = checkLiterals(schema, document, operation) ?? null;
            literals.set(operation, problem);
          }
          if (!problem) {
            const variables = request.variables ?? {};
            for (const v of operation.variableDefinitions ?? []) {
              const type = typeFromAST(schema, v.type) as GraphQLInputType | undefined;
              const name = v.variable.name.value;
              if (type && name in variables) problem = checkValue(variables[name], type, `$${name}`);
              if (problem) break;
            }
          }
          if (problem) {
            // A client's mistake (or probing): worth a line, never an error with a stack.
            log.info(
              {
                code: problem.code,
                field: problem.field,
                operationName: operation.name?.value,
              },
              'input refused',
            );
            throw refusal(problem);
          }
        },
      };
    },
  };
}
