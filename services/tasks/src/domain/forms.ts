import { errors } from '@zhiyuan/kernel';
import type { FormSummary, TaskEntity, TaskResultData } from '../entities';
import { isOpen } from './tasks';

export interface WhereaboutsAnswers {
  found: boolean;
  whereabouts?: string | null;
  contact?: string | null;
  employment?: string | null;
  assets: Record<'realEstate' | 'vehicles' | 'deposits' | 'business', { seen: boolean; note?: string | null }> & {
    estimatedValueFen?: number | null;
  };
  notes?: string | null;
}

export interface DeclarationAnswers {
  partyId?: string;
  caseId?: string | null;
  monthlyIncomeFen: number;
  assets: { kind: string; description: string; valueFen: number }[];
  debtsFen: number;
  dependants: number;
  signedOn: string;
}

const ASSET_KINDS = {
  realEstate: 'REAL_ESTATE',
  vehicles: 'VEHICLE',
  deposits: 'DEPOSIT',
  business: 'BUSINESS',
} as const;

/** The feedback form answers a LOCATE_PERSON or FIND_ASSETS task about a named obligor. */
export function requireFeedbackTask(t: TaskEntity): void {
  if (t.type !== 'LOCATE_PERSON' && t.type !== 'FIND_ASSETS')
    throw errors.rule('FEEDBACK_FORM_TASK', 'The feedback form answers a LOCATE_PERSON or FIND_ASSETS task');
  if (!t.obligorId) throw errors.rule('FEEDBACK_FORM_TASK', 'The task names no obligor');
}

/** What people-credit is told of a whereabouts feedback. */
export function whereaboutsSummary(a: WhereaboutsAnswers): FormSummary {
  const assetsSeen = (Object.keys(ASSET_KINDS) as (keyof typeof ASSET_KINDS)[])
    .filter((k) => a.assets[k].seen)
    .map((k) => ASSET_KINDS[k]);
  return {
    found: a.found,
    monthlyIncomeFen: null,
    assetsValueFen: a.assets.estimatedValueFen ?? null,
    debtsFen: null,
    dependants: null,
    assetsSeen,
  };
}

/**
 * The form covers both halves of 查人找物, so it completes the task it answers and the other open
 * LOCATE_PERSON/FIND_ASSETS tasks of the same obligor on the case (`siblings`).
 */
export function tasksAnsweredByFeedback(task: TaskEntity, siblings: TaskEntity[]): TaskEntity[] {
  return [
    task,
    ...siblings.filter(
      (t) => t.id !== task.id && (t.type === 'LOCATE_PERSON' || t.type === 'FIND_ASSETS') && isOpen(t),
    ),
  ];
}

/** The result a feedback form gives each task it completes. */
export function feedbackResult(a: WhereaboutsAnswers, formId: string): TaskResultData {
  const summary = a.found ? `已找到：${a.whereabouts ?? ''}` : '未找到被执行人';
  return { outcome: a.found ? 'ACCOMPLISHED' : 'NOT_ACCOMPLISHED', summary, contactMade: a.found, formId };
}

/** What people-credit is told of a property declaration. */
export function declarationSummary(a: DeclarationAnswers): FormSummary {
  return {
    found: null,
    monthlyIncomeFen: a.monthlyIncomeFen,
    assetsValueFen: a.assets.reduce((s, x) => s + x.valueFen, 0),
    debtsFen: a.debtsFen,
    dependants: a.dependants,
    assetsSeen: [...new Set(a.assets.map((x) => x.kind))],
  };
}
