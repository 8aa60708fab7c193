import { z } from 'zod';
import { uuidSchema } from '@zhiyuan/kernel';
import type { Context } from '../context';
import type { CaseEntity } from '../entities';
import { CASE_WORKERS } from '../policy';
import { courtDay, positiveFen } from './shared/inputs';
import { commandContext, onCaseWith } from './shared/on-case';
import { agreeSettlement as agree } from './shared/settlements';

const agreeSettlementInput = z.object({
  caseId: uuidSchema,
  kind: z.enum(['SETTLEMENT', 'INSTALMENT_PLAN']),
  terms: z.string().trim().min(2, 'state the terms').max(4000),
  instalments: z
    .array(z.object({ dueDate: courtDay, amountFen: positiveFen }))
    .min(1, 'needs at least one instalment')
    .max(120),
  agreedOn: courtDay.nullish(),
});

/** agreeSettlement: an enforcement settlement or instalment plan on a case in progress. */
export async function agreeSettlement(ctx: Context, input: unknown): Promise<CaseEntity> {
  return onCaseWith(ctx, input, agreeSettlementInput, CASE_WORKERS, async (i, c, manager, emit) => {
    await agree(manager, emit, c, i, commandContext(ctx));
    return c;
  });
}
