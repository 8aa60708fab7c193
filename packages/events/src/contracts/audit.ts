import { z } from 'zod';
import { defineEvent, isoDateTime } from './define';

/** Audit entries produced by every subgraph (stream AUDIT, subjects `audit.>`), kept append-only by metrics. */

/** A mutation; a read of unmasked personal data; a command run outside the graph (the bulk import, the
 * demo seed); a list downloaded through the gateway's `/exports`. */
export const AUDIT_ACTIONS = ['MUTATION', 'UNMASKED_READ', 'COMMAND', 'EXPORT'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One changed field of an update: its value before and after, masked as a display masks it. */
export const auditChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const auditRecorded = defineEvent({
  type: 'audit.entry.recorded',
  version: 1,
  description:
    "Someone changed data (a mutation or a command), read a party's unmasked personal data or downloaded a list: who, role, what, which party, case or division, when, from where, and for an update the changed fields before and after.",
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
    /** The fields an update changed, with their (masked) values before and after; absent when none is known. */
    changes: z.array(auditChange).optional(),
    /** What a command did (counts, the digest of the file it read); absent on graph operations. */
    detail: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const auditContracts = [auditRecorded] as const;
