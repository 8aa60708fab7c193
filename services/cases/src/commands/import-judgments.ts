import { errors } from '@zhiyuan/kernel';
import type { Context } from '../context';
import { CaseEntity } from '../entities';
import { validateJudgment, type JudgmentInput } from '../domain/judgment-input';
import { requireJudge } from '../policy';
import { intakeJudgments } from './shared/intake';

export interface ImportJudgmentsResult {
  imported: number;
  skipped: number;
  rejected: { row: number; field: string; reason: string }[];
  cases: CaseEntity[];
}

/**
 * importJudgments: a small batch of judgments in one transaction (bigger loads go through the import
 * command). Every problem of a bad row is reported; the valid rows are taken in, known numbers skipped.
 */
export async function importJudgments(ctx: Context, judgments: readonly unknown[]): Promise<ImportJudgmentsResult> {
  requireJudge(ctx.identity);
  if (judgments.length > ctx.settings.importMutationMax) {
    throw errors.validation(
      'judgments',
      `At most ${ctx.settings.importMutationMax} judgments per call; use the import command for more`,
    );
  }
  const rejected: { row: number; field: string; reason: string }[] = [];
  const valid: JudgmentInput[] = [];
  for (const [row, raw] of judgments.entries()) {
    const v = validateJudgment(raw);
    if (v.ok) valid.push(v.value);
    else rejected.push(...v.issues.map((i) => ({ row, ...i })));
  }
  const result = await ctx.runtime.messaging.transaction((manager) =>
    intakeJudgments(manager, valid, ctx.settings, ctx.identity.sub, new Date()),
  );
  ctx.runtime.messaging.relay.kick();
  const ids = result.inserted.map((i) => i.id);
  const cases = ids.length ? await ctx.loaders.case.loadMany(ids) : [];
  return {
    imported: ids.length,
    skipped: result.skipped.length,
    rejected,
    cases: cases.filter((c): c is CaseEntity => c instanceof CaseEntity),
  };
}
