import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  execute,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  parse,
  print,
  validate,
  specifiedRules,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValidationRule,
  type VariableDefinitionNode,
} from 'graphql';
import type { Identity } from '@zhiyuan/auth';
import { isAnonymous } from '@zhiyuan/auth';
import { stableStringify } from '../response-cache';
import { parseCursor, type Cursor } from './cursor';
import { isSubjectFree } from './sharing';
import { LiveArgumentError, liveField, type LiveField, type LiveMatch } from './registry';

/** A subscription a client asked for, checked once and ready to resolve per event. */
export interface LiveOperation {
  field: LiveField;
  args: Record<string, string>;
  /** The cursor the client resumes after (`since`), if any. */
  since?: Cursor;
  document: DocumentNode;
  operationName?: string;
  /** The client's variables, coerced. */
  variables: Record<string, unknown>;
  /** The response key of the subscription field (its alias, or its name). */
  responseKey: string;
  /** The query run per event for the entities the event keys (text, by the set of keyed entities). */
  queryFor(keyed: readonly string[]): string;
  /**
   * Equal for two subscriptions exactly when their per-event queries are the same text with the same
   * client variables (the same parsed document and operation, variables compared key-sorted).
   */
  shareKey: string;
  /** Whether the per-event query reads nothing that depends on the reader's subject (sharing.ts). */
  subjectFree: boolean;
}

/** What every subscription of one document and operation shares: the entity selections and built queries. */
interface Plan {
  id: number;
  queryFor(keyed: readonly string[]): string;
  subjectFree: boolean;
}

const plans = new WeakMap<DocumentNode, Map<string, Plan>>();
let planIds = 0;

function planFor(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  root: FieldNode,
  field: LiveField,
): Plan {
  let byName = plans.get(document);
  if (!byName) plans.set(document, (byName = new Map()));
  const name = operation.name?.value ?? '';
  const known = byName.get(name);
  if (known) return known;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const selected = new Map<string, FieldNode[]>();
  collectEntityNodes(root.selectionSet!, field, fragments, selected, new Set());
  const queries = new Map<string, string>();
  const plan: Plan = {
    id: ++planIds,
    subjectFree: isSubjectFree(schema, field, selected, fragments),
    queryFor(keyed) {
      const sig = [...keyed].sort().join(',');
      let text = queries.get(sig);
      if (!text) {
        text = buildQuery(field, [...keyed].sort(), selected, fragments, operation);
        queries.set(sig, text);
      }
      return text;
    },
  };
  byName.set(name, plan);
  return plan;
}

/** A refusal of a subscription before it starts: a GraphQL error with its code (and `field` for a bad value). */
export function liveError(code: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const keyVar = (entity: string) => `zyLiveKey_${entity}`;
/** The alias of the root field that reads `entity` for the payload field answered under `responseKey`. */
export const entityAlias = (entity: string, responseKey: string) => `zyLive_${entity}_${responseKey}`;
export const probeAlias = (entity: string) => `zyLiveProbe_${entity}`;

/**
 * Parses and validates a subscription against the API schema, checks its field and arguments, and builds the
 * per-event query from the subscriber's own selection of each entity. Throws GraphQLErrors with codes.
 */
export function compileLiveOperation(
  schema: GraphQLSchema,
  request: { query?: unknown; variables?: unknown; operationName?: unknown },
  identity: Identity,
  opts: { rules?: readonly ValidationRule[]; lastEventId?: string; maxTokens?: number } = {},
): LiveOperation {
  if (typeof request.query !== 'string' || !request.query.trim())
    throw liveError('BAD_REQUEST', 'A subscription needs a query');
  const document = checkedDocument(schema, request.query, opts);
  const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) throw liveError('OPERATION_RESOLUTION_FAILURE', 'Name the operation to run');
  if (operation.operation !== 'subscription')
    throw liveError('BAD_REQUEST', 'Only subscriptions are served here; send queries and mutations to /graphql');
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    (request.variables && typeof request.variables === 'object' ? request.variables : {}) as Record<string, unknown>,
  );
  if (coerced.errors) throw liveError('BAD_USER_INPUT', coerced.errors[0]!.message);
  const variables = coerced.coerced;
  const root = operation.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD)!;
  const field = liveField(root.name.value);
  if (!field) throw liveError('BAD_REQUEST', `${root.name.value} is not served live`);
  if (!field.public && isAnonymous(identity)) throw liveError('UNAUTHENTICATED', 'Sign in to do this');
  const fieldDef = schema.getSubscriptionType()!.getFields()[root.name.value]!;
  const rawArgs = getArgumentValues(fieldDef, root, variables);
  let args: Record<string, string>;
  let since: Cursor | undefined;
  try {
    args = field.args(rawArgs);
    const sinceText = typeof rawArgs.since === 'string' ? rawArgs.since : opts.lastEventId;
    if (sinceText) since = parseCursor(sinceText, typeof rawArgs.since === 'string' ? 'since' : 'Last-Event-ID');
  } catch (err) {
    if (err instanceof LiveArgumentError)
      throw liveError('VALIDATION_FAILED', err.message, { field: `${root.name.value}.${err.field}` });
    throw err;
  }

  const plan = planFor(schema, document, operation, root, field);
  return {
    field,
    args,
    since,
    document,
    operationName,
    variables,
    responseKey: root.alias?.value ?? root.name.value,
    queryFor: plan.queryFor,
    shareKey: `${plan.id}|${stableStringify(variables)}`,
    subjectFree: plan.subjectFree,
  };
}

/**
 * Parsed and validated documents by their text, per schema: the many subscribers of one frontend send the
 * same few documents, and share one parse, one validation and one syntax tree. Bounded, oldest dropped.
 */
const documents = new WeakMap<GraphQLSchema, Map<string, DocumentNode>>();
const MAX_DOCUMENTS = 1_000;

function checkedDocument(
  schema: GraphQLSchema,
  query: string,
  opts: { rules?: readonly ValidationRule[]; maxTokens?: number },
): DocumentNode {
  let known = documents.get(schema);
  if (!known) documents.set(schema, (known = new Map()));
  const cached = known.get(query);
  if (cached) return cached;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: opts.maxTokens });
  } catch (err) {
    throw liveError('GRAPHQL_PARSE_FAILED', (err as Error).message);
  }
  const errors = validate(schema, document, [...specifiedRules, ...(opts.rules ?? [])]);
  if (errors.length) {
    const e = errors[0]!;
    throw liveError((e.extensions?.code as string) ?? 'GRAPHQL_VALIDATION_FAILED', e.message);
  }
  if (known.size >= MAX_DOCUMENTS) known.delete(known.keys().next().value!);
  known.set(query, document);
  return document;
}

/** The field nodes of each entity in the payload's selection, through inline fragments and fragment spreads. */
function collectEntityNodes(
  selectionSet: SelectionSetNode,
  field: LiveField,
  fragments: Map<string, FragmentDefinitionNode>,
  out: Map<string, FieldNode[]>,
  seen: Set<string>,
): void {
  for (const s of selectionSet.selections) {
    if (s.kind === Kind.FIELD) {
      if (field.entities[s.name.value]) out.set(s.name.value, [...(out.get(s.name.value) ?? []), s]);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      collectEntityNodes(s.selectionSet, field, fragments, out, seen);
    } else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const f = fragments.get(s.name.value);
      if (f) collectEntityNodes(f.selectionSet, field, fragments, out, seen);
    }
  }
}

/** Every selection set asks `__typename` too, so abstract types resolve when the payload is shaped. */
function withTypename<T extends SelectionSetNode | FragmentDefinitionNode>(node: T): T {
  return visit(node, {
    SelectionSet: { leave: (s) => ({ ...s, selections: [...s.selections, TYPENAME] }) },
  }) as T;
}

function buildQuery(
  field: LiveField,
  keyed: string[],
  selected: Map<string, FieldNode[]>,
  fragments: Map<string, FragmentDefinitionNode>,
  operation: OperationDefinitionNode,
): string {
  const selections: SelectionNode[] = [];
  for (const entity of keyed) {
    const ref = field.entities[entity]!;
    const keyArg = {
      kind: Kind.ARGUMENT,
      name: name(ref.keyArg),
      value: { kind: Kind.VARIABLE, name: name(keyVar(entity)) },
    } as const;
    const probe = (parse(`{ ${ref.probe} }`).definitions[0] as OperationDefinitionNode).selectionSet;
    selections.push({
      kind: Kind.FIELD,
      alias: name(probeAlias(entity)),
      name: name(ref.root),
      arguments: [keyArg],
      selectionSet: withTypename(probe),
    });
    for (const node of selected.get(entity) ?? []) {
      selections.push({
        kind: Kind.FIELD,
        alias: name(entityAlias(entity, node.alias?.value ?? node.name.value)),
        name: name(ref.root),
        arguments: [keyArg, ...(node.arguments ?? [])],
        directives: node.directives,
        selectionSet: node.selectionSet ? withTypename(node.selectionSet) : undefined,
      });
    }
  }
  const body: SelectionSetNode = { kind: Kind.SELECTION_SET, selections };
  // Only the fragments and variables the entity selections use (unused ones fail validation).
  const usedFragments = new Set<string>();
  const usedVariables = new Set<string>();
  const walk = (node: SelectionSetNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread: (s) => {
        if (usedFragments.has(s.name.value)) return;
        usedFragments.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) walk(f);
      },
      Variable: (v) => void usedVariables.add(v.name.value),
    });
  walk(body);
  const variableDefinitions: VariableDefinitionNode[] = [
    ...keyed.map((entity): VariableDefinitionNode => ({
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: name(keyVar(entity)) },
      type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('ID') } },
    })),
    ...(operation.variableDefinitions ?? []).filter((d) => usedVariables.has(d.variable.name.value)),
  ];
  const query: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: name('Live'),
        variableDefinitions,
        selectionSet: body,
      },
      ...[...usedFragments].map((f) => withTypename(fragments.get(f)!)),
    ],
  };
  return print(query);
}

/** The variables of the per-event query: the entity keys and the client's own variables it uses. */
export function queryVariables(op: LiveOperation, match: LiveMatch): Record<string, unknown> {
  const vars: Record<string, unknown> = { ...op.variables };
  for (const [entity, key] of Object.entries(match.keys)) vars[keyVar(entity)] = key;
  return vars;
}

/** The payload object before shaping: fields from the event, entities from the query (by their root alias). */
class Payload {
  constructor(
    readonly fields: Record<string, unknown>,
    readonly data: Record<string, unknown>,
    readonly entities: Record<string, unknown>,
  ) {}
}

/**
 * Shapes the subscriber's selection (aliases, fragments, directives, __typename) from the event's fields and
 * the query's data, with graphql-js over the API schema: payload fields by name, entity fields by their root
 * alias, everything below by response key (the query asked exactly the subscriber's selection).
 */
export function shapePayload(
  schema: GraphQLSchema,
  op: LiveOperation,
  fields: Record<string, unknown>,
  data: Record<string, unknown>,
): ExecutionResult {
  const resolve: GraphQLFieldResolver<unknown, unknown> = (source, _args, _ctx, info) => {
    if (info.parentType === schema.getSubscriptionType()) return source;
    if (source instanceof Payload) {
      if (info.fieldName in source.entities)
        return source.data[entityAlias(info.fieldName, String(info.path.key))] ?? null;
      return source.fields[info.fieldName] ?? null;
    }
    return (source as Record<string, unknown> | null)?.[String(info.path.key)];
  };
  return execute({
    schema,
    document: op.document,
    operationName: op.operationName,
    variableValues: op.variables,
    rootValue: new Payload(fields, data, op.field.entities),
    fieldResolver: resolve,
  }) as ExecutionResult;
}
