import { errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import type { Context } from '../context';
import { CaseEntity } from '../entities';
import { judgmentInputSchema } from '../domain/judgment-input';
import { requireJudge } from '../policy';
import { intakeJudgments } from './shared/intake';

/** takeInJudgment: one effective judgment, refused as CONFLICT when its number was already taken in. */
export async function takeInJudgment(ctx: Context, input: unknown): Promise<CaseEntity> {
  requireJudge(ctx.identity);
  const judgment = parseInput(judgmentInputSchema, input);
  const result = await ctx.runtime.messaging.transaction((manager) =>
    intakeJudgments(manager, [judgment], ctx.settings, ctx.identity.sub, new Date()),
  );
  ctx.runtime.messaging.relay.kick();
  if (result.inserted.length === 0)
    throw errors.conflict(`Judgment ${judgment.caseNumber} was already taken in`, { field: 'caseNumber' });
  return (await ctx.runtime.ds.getRepository(CaseEntity).findOneBy({ id: result.inserted[0]!.id }))!;
}
