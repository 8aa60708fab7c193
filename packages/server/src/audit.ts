import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, valueFromASTUntyped, type FieldNode } from 'graphql';
import type { Identity } from '@zhiyuan/auth';
import type { Messaging } from '@zhiyuan/db';

export interface AuditTarget {
  operation: string;
  targetKind: string | null;
  targetId: string | null;
}

const TARGET_ARGS: [string, string][] = [['caseId', 'CASE'], ['partyId', 'PARTY'], ['taskId', 'TASK'], ['meetingId', 'MEETING'], ['listingId', 'LISTING'], ['id', 'ENTITY']];

/** Finds which case, party or task a mutation was about, from its arguments or its result. */
function targetOf(field: FieldNode, variables: Record<string, unknown>, result: unknown): { kind: string | null; id: string | null } {
  const args: Record<string, unknown> = {};
  for (const a of field.arguments ?? []) args[a.name.value] = valueFromASTUntyped(a.value, variables);
  const scopes = [args, ...Object.values(args).filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v))];
  for (const [name, kind] of TARGET_ARGS) {
    for (const scope of scopes) if (typeof scope[name] === 'string') return { kind, id: scope[name] as string };
  }
  const id = (result as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? { kind: 'ENTITY', id } : { kind: null, id: null };
}

/** Records an audit entry through the outbox; metrics keeps the append-only audit log. */
export async function recordAudit(messaging: Messaging, identity: Identity, action: 'MUTATION' | 'UNMASKED_READ', entries: (AuditTarget & { outcome?: 'OK' | 'ERROR'; errorCode?: string | null })[]): Promise<void> {
  if (!entries.length) return;
  await messaging.transaction(async (_m, emit) => {
    for (const e of entries) {
      await emit('audit.entry.recorded', {
        actor: identity.sub, roles: identity.roles, ip: identity.ip, service: messaging.producer, action,
        operation: e.operation, targetKind: e.targetKind, targetId: e.targetId, outcome: e.outcome ?? 'OK', errorCode: e.errorCode ?? null, at: new Date().toISOString(),
      }, { key: identity.sub });
    }
  });
}

/** Every mutation, successful or not, leaves an audit entry naming who, what and which case or party. */
export function auditMutationsPlugin(messaging: Messaging): ApolloServerPlugin<{ identity: Identity }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue, response, errors, request }) {
          if (operation?.operation !== 'mutation' || !contextValue?.identity) return;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const data = (body?.data ?? {}) as Record<string, unknown>;
          const entries = operation.selectionSet.selections
            .filter((s): s is FieldNode => s.kind === Kind.FIELD && !s.name.value.startsWith('__'))
            .map((f) => {
              const key = f.alias?.value ?? f.name.value;
              const err = (errors ?? []).find((e) => e.path?.[0] === key);
              const target = targetOf(f, request.variables ?? {}, data[key]);
              return { operation: f.name.value, targetKind: target.kind, targetId: target.id, outcome: err ? ('ERROR' as const) : ('OK' as const), errorCode: (err?.extensions?.code as string | undefined) ?? null };
            });
          await recordAudit(messaging, contextValue.identity, 'MUTATION', entries);
        },
      };
    },
  };
}
