import { randomUUID } from 'node:crypto';
import { sqlRows } from '@zhiyuan/db';
import type { EntityManager } from 'typeorm';
import { renderTemplate, type TemplateName } from './templates';

export interface NotificationSpec {
  /** Same key, same notice: a second request with it changes nothing. */
  dedupeKey: string;
  template: TemplateName;
  vars: Record<string, string>;
  caseId: string | null;
  /** OBLIGOR, OBLIGEE, INVITEE for parties; the staff role (VILLAGE_SECRETARY, TOWNSHIP_LIAISON, ASSIGNEE) otherwise. */
  recipientRole: string;
  recipientPartyId?: string | null;
  recipientStaffId?: string | null;
  /** For a staff role not yet known: the division whose holder of the role gets it at send time. */
  recipientDivisionCode?: string | null;
  now?: Date;
}

/**
 * Writes a QUEUED notification in the caller's transaction, so it exists exactly when the change
 * that caused it commits. The recipient's phone is looked up when it is sent (the people
 * projection may still be catching up). Returns false when the same notice was already queued.
 */
export async function queueNotification(m: EntityManager, spec: NotificationSpec): Promise<boolean> {
  const rows = await sqlRows<{ id: string }>(
    m,
    `INSERT INTO tasks.notification (id, dedupe_key, case_id, template, recipient_role, recipient_party_id, recipient_staff_id,
       recipient_division_code, variables, body, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [
      randomUUID(),
      spec.dedupeKey,
      spec.caseId,
      spec.template,
      spec.recipientRole,
      spec.recipientPartyId ?? null,
      spec.recipientStaffId ?? null,
      spec.recipientDivisionCode ?? null,
      JSON.stringify(spec.vars),
      renderTemplate(spec.template, spec.vars),
      spec.now ?? new Date(),
    ],
  );
  return rows.length > 0;
}

/**
 * Writes several QUEUED notifications in one statement (the notices of one case step to each of its
 * parties), as queueNotification would one by one. Returns how many were queued now.
 */
export async function queueNotifications(m: EntityManager, specs: readonly NotificationSpec[]): Promise<number> {
  if (!specs.length) return 0;
  if (specs.length === 1) return (await queueNotification(m, specs[0]!)) ? 1 : 0;
  const rows = await sqlRows<{ id: string }>(
    m,
    `INSERT INTO tasks.notification (id, dedupe_key, case_id, template, recipient_role, recipient_party_id, recipient_staff_id,
       recipient_division_code, variables, body, next_attempt_at, created_at)
     SELECT x.id, x.dedupe_key, x.case_id, x.template, x.recipient_role, x.recipient_party_id, x.recipient_staff_id,
       x.recipient_division_code, x.variables, x.body, x.at, x.at
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, dedupe_key text, case_id uuid, template text,
       recipient_role text, recipient_party_id uuid, recipient_staff_id uuid, recipient_division_code text,
       variables jsonb, body text, at timestamptz)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [
      JSON.stringify(
        specs.map((spec) => ({
          id: randomUUID(),
          dedupe_key: spec.dedupeKey,
          case_id: spec.caseId,
          template: spec.template,
          recipient_role: spec.recipientRole,
          recipient_party_id: spec.recipientPartyId ?? null,
          recipient_staff_id: spec.recipientStaffId ?? null,
          recipient_division_code: spec.recipientDivisionCode ?? null,
          variables: spec.vars,
          body: renderTemplate(spec.template, spec.vars),
          at: (spec.now ?? new Date()).toISOString(),
        })),
      ),
    ],
  );
  return rows.length;
}
