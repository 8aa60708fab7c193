import { randomUUID } from 'node:crypto';
import type { Emit } from '@zhiyuan/db';
import type { EntityManager } from 'typeorm';
import { FormEntity, TaskEntity, type FormSummary } from '../entities';
import { finishTask } from './task-ops';

export interface WhereaboutsAnswers {
  found: boolean;
  whereabouts?: string | null;
  contact?: string | null;
  employment?: string | null;
  assets: Record<'realEstate' | 'vehicles' | 'deposits' | 'business', { seen: boolean; note?: string | null }> & { estimatedValueFen?: number | null };
  notes?: string | null;
}

const ASSET_KINDS = { realEstate: 'REAL_ESTATE', vehicles: 'VEHICLE', deposits: 'DEPOSIT', business: 'BUSINESS' } as const;

/**
 * Files the whereabouts and property feedback: the form covers both halves of 查人找物, so it
 * completes the task it answers and the other open LOCATE_PERSON/FIND_ASSETS task of the same
 * obligor on the case.
 */
export async function fileWhereaboutsFeedback(m: EntityManager, emit: Emit, task: TaskEntity, a: WhereaboutsAnswers, by: string, now: Date): Promise<FormEntity> {
  const id = randomUUID();
  const assetsSeen = (Object.keys(ASSET_KINDS) as (keyof typeof ASSET_KINDS)[]).filter((k) => a.assets[k].seen).map((k) => ASSET_KINDS[k]);
  const summary: FormSummary = { found: a.found, monthlyIncomeFen: null, assetsValueFen: a.assets.estimatedValueFen ?? null, debtsFen: null, dependants: null, assetsSeen };
  await insertForm(m, { id, formType: 'WHEREABOUTS_FEEDBACK', partyId: task.obligorId!, caseId: task.caseId, taskId: task.id, answers: a, summary, submittedBy: by, submittedAt: now });

  const siblings = await m.getRepository(TaskEntity).find({ where: { caseId: task.caseId ?? undefined, obligorId: task.obligorId ?? undefined }, lock: { mode: 'pessimistic_write' } });
  const toClose = [task, ...siblings.filter((t) => t.id !== task.id && (t.type === 'LOCATE_PERSON' || t.type === 'FIND_ASSETS') && (t.status === 'OPEN' || t.status === 'IN_PROGRESS'))];
  for (const t of toClose) {
    const summaryText = a.found ? `已找到：${a.whereabouts ?? ''}` : '未找到被执行人';
    await finishTask(m, emit, t, 'DONE', { result: { outcome: a.found ? 'ACCOMPLISHED' : 'NOT_ACCOMPLISHED', summary: summaryText, contactMade: a.found, formId: id } }, now);
  }
  await emitForm(emit, id, 'WHEREABOUTS_FEEDBACK', task.obligorId!, task.caseId, task.id, summary, now);
  return m.getRepository(FormEntity).findOneByOrFail({ id });
}

export interface DeclarationAnswers {
  partyId: string;
  caseId?: string | null;
  monthlyIncomeFen: number;
  assets: { kind: string; description: string; valueFen: number }[];
  debtsFen: number;
  dependants: number;
  signedOn: string;
}

export async function fileDeclaration(m: EntityManager, emit: Emit, a: DeclarationAnswers, by: string, now: Date): Promise<FormEntity> {
  const id = randomUUID();
  const summary: FormSummary = {
    found: null,
    monthlyIncomeFen: a.monthlyIncomeFen,
    assetsValueFen: a.assets.reduce((s, x) => s + x.valueFen, 0),
    debtsFen: a.debtsFen,
    dependants: a.dependants,
    assetsSeen: [...new Set(a.assets.map((x) => x.kind))],
  };
  await insertForm(m, { id, formType: 'PROPERTY_DECLARATION', partyId: a.partyId, caseId: a.caseId ?? null, taskId: null, answers: a, summary, submittedBy: by, submittedAt: now });
  await emitForm(emit, id, 'PROPERTY_DECLARATION', a.partyId, a.caseId ?? null, null, summary, now);
  return m.getRepository(FormEntity).findOneByOrFail({ id });
}

async function insertForm(m: EntityManager, f: Omit<FormEntity, 'answers'> & { answers: object }): Promise<void> {
  await m.query(
    `INSERT INTO tasks.form (id, form_type, party_id, case_id, task_id, answers, summary, submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [f.id, f.formType, f.partyId, f.caseId, f.taskId, JSON.stringify(f.answers), JSON.stringify(f.summary), f.submittedBy, f.submittedAt],
  );
}

async function emitForm(emit: Emit, formId: string, formType: FormEntity['formType'], partyId: string, caseId: string | null, taskId: string | null, summary: FormSummary, now: Date) {
  await emit('tasks.form.submitted', { formId, formType, partyId, caseId, taskId, submittedAt: now.toISOString(), summary }, { key: partyId, occurredAt: now });
}
