import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, valueFromASTUntyped } from 'graphql';
import type { Identity } from '@zhiyuan/auth';
import type { Messaging } from '@zhiyuan/db';
import { recordAudit } from './audit';

/** The division a list was read for, from the root field's arguments (a filter object included). */
function divisionOf(args: Record<string, unknown>): string | null {
  for (const scope of [args, ...Object.values(args)]) {
    if (!scope || typeof scope !== 'object') continue;
    for (const name of ['divisionCode', 'villageCode', 'code', 'parentCode']) {
      const v = (scope as Record<string, unknown>)[name];
      if (typeof v === 'string') return v;
    }
  }
  return null;
}

/**
 * A list downloaded through the gateway's `/exports` is a read of many parties at once, so it is
 * audited: the gateway marks the caller's identity with the list's name (`identity.export`) and the
 * service that owns the list's root field records one EXPORT entry when its first page is read
 * (the gateway reads page after page; a request with an `after` cursor continues the same download).
 * Entity fetches from other services (`_entities`) are part of the same read and are not recorded.
 */
export function auditExportsPlugin(messaging: Messaging): ApolloServerPlugin<{ identity: Identity }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue, request, errors }) {
          const identity = contextValue?.identity;
          if (!identity?.export || operation?.operation !== 'query') return;
          const variables = request.variables ?? {};
          if (variables.after !== undefined && variables.after !== null) return;
          const fields = operation.selectionSet.selections.filter(
            (f) => f.kind === Kind.FIELD && !f.name.value.startsWith('_'),
          );
          if (!fields.length) return;
          const field = fields[0]!;
          if (field.kind !== Kind.FIELD) return;
          const args: Record<string, unknown> = {};
          for (const a of field.arguments ?? []) args[a.name.value] = valueFromASTUntyped(a.value, variables);
          const division = divisionOf(args);
          const code = errors?.[0]?.extensions?.code;
          await recordAudit(messaging, identity, 'EXPORT', [
            {
              operation: identity.export,
              targetKind: division ? 'DIVISION' : null,
              targetId: division,
              outcome: errors?.length ? 'ERROR' : 'OK',
              errorCode: errors?.length ? (typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR') : null,
            },
          ]);
        },
      };
    },
  };
}
