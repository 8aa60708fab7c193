import { z } from 'zod';
import { defineEvent, isoDateTime } from './define';

/** Audit entries produced by every subgraph (stream AUDIT, subjects `audit.>`), kept append-only by metrics. */

export const AUDIT_ACTIONS = ['MUTATION', 'UNMASKED_READ'] as const;

export const auditRecorded = defineEvent({
  type: 'audit.entry.recorded',
  version: 1,
  description:
    "Someone changed data (a mutation) or read a party's unmasked personal data: who, role, what, which party or case, when, from where.",
  payload: z.object({
    actor: z.string(),
    roles: z.array(z.string()),
    ip: z.string().nullable(),
    service: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    /** The GraphQL field (mutation or query field) that did it. */
    operation: z.string(),
    targetKind: z.string().nullable(),
    targetId: z.string().nullable(),
    outcome: z.enum(['OK', 'ERROR']),
    errorCode: z.string().nullable(),
    at: isoDateTime(),
    /**
     * Set on the entry of a mutation answered from its idempotency key (the write committed in an
     * earlier request, whose entry is the one that says so); absent on every other entry.
     */
    replay: z.boolean().optional(),
  }),
});

export const auditContracts = [auditRecorded] as const;
