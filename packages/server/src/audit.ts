import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, valueFromASTUntyped, type FieldNode } from 'graphql';
import type { Identity } from '@zhiyuan/auth';
import type { AuditAction, EventPayload } from '@zhiyuan/events';
import {
  outsideRequestScope,
  requestScope,
  type AuditChange,
  type Emit,
  type Messaging,
  type MutationFieldScope,
} from '@zhiyuan/db';

export interface AuditTarget {
  operation: string;
  targetKind: string | null;
  targetId: string | null;
}

type AuditEntryInput = AuditTarget & {
  outcome?: 'OK' | 'ERROR';
  errorCode?: string | null;
  replay?: boolean;
  /** The fields the mutation changed (noteAuditChanges in its work), masked. */
  changes?: AuditChange[];
};

/** The error code of an OK entry whose mutation was answered from its idempotency key. */
export const REPLAY_CODE = 'IDEMPOTENT_REPLAY';

const TARGET_ARGS: [string, string][] = [
  ['caseId', 'CASE'],
  ['partyId', 'PARTY'],
  ['taskId', 'TASK'],
  ['meetingId', 'MEETING'],
  ['listingId', 'LISTING'],
  ['id', 'ENTITY'],
];

/** Finds which case, party or task a mutation was about, from its arguments or its result. */
export function targetOfArgs(
  args: Record<string, unknown>,
  result: unknown,
): { kind: string | null; id: string | null } {
  const scopes = [
    args,
    ...Object.values(args).filter(
      (v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v),
    ),
  ];
  for (const [name, kind] of TARGET_ARGS) {
    for (const scope of scopes) if (typeof scope[name] === 'string') return { kind, id: scope[name] as string };
  }
  const id = (result as { id?: unknown } | null)?.id;
  if (typeof id === 'string') return { kind: 'ENTITY', id };
  // A result about a party without an id of its own (a party's sign-in).
  const partyId = (result as { partyId?: unknown } | null)?.partyId;
  return typeof partyId === 'string' ? { kind: 'PARTY', id: partyId } : { kind: null, id: null };
}

function targetOf(
  field: FieldNode,
  variables: Record<string, unknown>,
  result: unknown,
): { kind: string | null; id: string | null } {
  const args: Record<string, unknown> = {};
  for (const a of field.arguments ?? []) args[a.name.value] = valueFromASTUntyped(a.value, variables);
  return targetOfArgs(args, result);
}

function auditPayload(
  messaging: Messaging,
  identity: Identity,
  action: AuditAction,
  e: AuditEntryInput,
): EventPayload<'audit.entry.recorded'> {
  return {
    actor: identity.sub,
    roles: identity.roles,
    ip: identity.ip,
    service: messaging.producer,
    action,
    operation: e.operation,
    targetKind: e.targetKind,
    targetId: e.targetId,
    outcome: e.outcome ?? 'OK',
    errorCode: e.errorCode ?? null,
    at: new Date().toISOString(),
    ...(e.replay ? { replay: true } : {}),
    ...(e.changes?.length ? { changes: e.changes } : {}),
  };
}

/**
 * The audit entry of a command run outside the graph (the bulk import, the seed): who ran it (the
 * operating-system user, or the name it was given), what, and what it did (`detail`: counts, the
 * digest of the file it read). The caller writes it in the transaction of the work it describes.
 */
export function commandAuditPayload(e: {
  actor: string;
  service: string;
  operation: string;
  targetKind?: string | null;
  targetId?: string | null;
  detail: Record<string, unknown>;
  at?: Date;
}): EventPayload<'audit.entry.recorded'> {
  return {
    actor: e.actor,
    roles: ['COMMAND_LINE'],
    ip: null,
    service: e.service,
    action: 'COMMAND',
    operation: e.operation,
    targetKind: e.targetKind ?? null,
    targetId: e.targetId ?? null,
    outcome: 'OK',
    errorCode: null,
    at: (e.at ?? new Date()).toISOString(),
    detail: e.detail,
  };
}

function emitEntry(emit: Emit, messaging: Messaging, identity: Identity, action: AuditAction, e: AuditEntryInput) {
  return emit('audit.entry.recorded', auditPayload(messaging, identity, action, e), { key: identity.sub });
}

/**
 * Records audit entries through the outbox, in a transaction of their own (never one a mutation's
 * idempotency key or audit entry belongs to); metrics keeps the append-only audit log.
 */
export async function recordAudit(
  messaging: Messaging,
  identity: Identity,
  action: AuditAction,
  entries: AuditEntryInput[],
): Promise<void> {
  if (!entries.length) return;
  await outsideRequestScope(() =>
    messaging.transaction(async (_m, emit) => {
      for (const e of entries) await emitEntry(emit, messaging, identity, action, e);
    }),
  );
}

/**
 * Every mutation root field, successful or not, leaves exactly one audit entry naming who, what and
 * which case or party. A field whose transaction wrote something emits its entry in that transaction
 * (Messaging.transaction asks the field's scope for it), so the entry commits with the write or not
 * at all; once the answer is ready, the other fields (refused, failed, wrote nothing, or answered
 * from their idempotency key) are recorded in a transaction of their own, with their outcome.
 */
export function auditMutationsPlugin(messaging: Messaging): ApolloServerPlugin<{ identity: Identity }> {
  return {
    async requestDidStart() {
      const scope = requestScope.getStore();
      const fields = new Map<string, MutationFieldScope>();
      return {
        async executionDidStart({ operation, contextValue }) {
          if (operation.operation !== 'mutation' || !scope || !contextValue?.identity) return;
          const identity = contextValue.identity;
          return {
            willResolveField({ info, args }) {
              if (info.path.prev !== undefined || info.fieldName.startsWith('__')) return;
              const field: MutationFieldScope = {
                operation: info.fieldName,
                responseKey: String(info.path.key),
                transactions: 0,
                audit: async (emit, result) => {
                  const target = targetOfArgs(args as Record<string, unknown>, result);
                  return (
                    await emitEntry(emit, messaging, identity, 'MUTATION', {
                      operation: info.fieldName,
                      targetKind: target.kind,
                      targetId: target.id,
                      outcome: 'OK',
                      changes: field.changes,
                    })
                  ).id;
                },
              };
              fields.set(field.responseKey, field);
              scope.field = field;
              // The field's nested fields (and anything after it) are not the field's own transactions.
              return () => {
                if (scope.field === field) scope.field = null;
              };
            },
          };
        },
        async willSendResponse({ operation, contextValue, response, errors, request }) {
          if (scope) scope.field = null;
          if (operation?.operation !== 'mutation' || !contextValue?.identity) return;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const data = (body?.data ?? {}) as Record<string, unknown>;
          const entries: AuditEntryInput[] = [];
          for (const f of operation.selectionSet.selections) {
            if (f.kind !== Kind.FIELD || f.name.value.startsWith('__')) continue;
            const key = f.alias?.value ?? f.name.value;
            const state = fields.get(key);
            if (state?.auditCommitted) continue;
            const err = (errors ?? []).find((e) => e.path?.[0] === key);
            const target = targetOf(f, request.variables ?? {}, data[key]);
            const replay = !!state?.replayed;
            const entry: AuditEntryInput = {
              operation: f.name.value,
              targetKind: target.kind,
              targetId: target.id,
              outcome: err ? 'ERROR' : 'OK',
              errorCode: err
                ? ((err.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR')
                : replay
                  ? REPLAY_CODE
                  : null,
              replay,
            };
            if (state?.auditEventId) {
              // Its transaction wrote an entry and went to COMMIT without an answer: this one takes the
              // same id, so it is written only if that transaction did not commit.
              await messaging.emitUnlessWritten(
                state.auditEventId,
                'audit.entry.recorded',
                auditPayload(messaging, contextValue.identity, 'MUTATION', entry),
                { key: contextValue.identity.sub },
              );
              continue;
            }
            entries.push(entry);
          }
          await recordAudit(messaging, contextValue.identity, 'MUTATION', entries);
        },
      };
    },
  };
}
