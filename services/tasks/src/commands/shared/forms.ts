import { sqlExec, type Emit } from '@zhiyuan/db';
import type { EntityManager } from 'typeorm';
import type { FormEntity, FormSummary } from '../../entities';

/** Writes a submitted form in the caller's transaction. */
export async function insertForm(
  m: EntityManager,
  f: Omit<FormEntity, 'answers'> & { answers: object },
): Promise<void> {
  await sqlExec(
    m,
    `INSERT INTO tasks.form (id, form_type, party_id, case_id, task_id, answers, summary, submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      f.id,
      f.formType,
      f.partyId,
      f.caseId,
      f.taskId,
      JSON.stringify(f.answers),
      JSON.stringify(f.summary),
      f.submittedBy,
      f.submittedAt,
    ],
  );
}

/** Emits `tasks.form.submitted`: what people-credit is told of a form. */
export async function emitForm(
  emit: Emit,
  f: Pick<FormEntity, 'id' | 'formType' | 'partyId' | 'caseId' | 'taskId'> & {
    summary: FormSummary;
    submittedAt: Date;
  },
): Promise<void> {
  await emit(
    'tasks.form.submitted',
    {
      formId: f.id,
      formType: f.formType,
      partyId: f.partyId,
      caseId: f.caseId,
      taskId: f.taskId,
      submittedAt: f.submittedAt.toISOString(),
      summary: f.summary,
    },
    { key: f.partyId, occurredAt: f.submittedAt },
  );
}
