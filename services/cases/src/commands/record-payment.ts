import { z } from 'zod';
import { PAYMENT_SOURCES } from '@zhiyuan/events';
import { courtDate, errors, uuidSchema } from '@zhiyuan/kernel';
import type { Context } from '../context';
import type { CaseEntity, PerformanceEntity } from '../entities';
import { CASE_WORKERS } from '../policy';
import { courtDay, positiveFen } from './shared/inputs';
import { commandContext, onCaseWith } from './shared/on-case';
import { recordPayment as record } from './shared/payments';

const recordPaymentInput = z.object({
  caseId: uuidSchema,
  amountFen: positiveFen,
  paidOn: courtDay,
  channel: z.string().trim().min(1).max(50),
  source: z.enum(PAYMENT_SOURCES).nullish(),
});

export interface RecordPaymentResult {
  performance: PerformanceEntity;
  case: CaseEntity;
}

/** recordPayment: a payment on a case, dated today or earlier. */
export async function recordPayment(ctx: Context, input: unknown): Promise<RecordPaymentResult> {
  return onCaseWith(ctx, input, recordPaymentInput, CASE_WORKERS, async (i, c, manager, emit) => {
    if (i.paidOn > courtDate(new Date())) throw errors.validation('paidOn', 'A payment cannot be dated in the future');
    const performance = await record(
      manager,
      emit,
      c,
      { amountFen: i.amountFen, paidOn: i.paidOn, channel: i.channel, source: i.source ?? null },
      commandContext(ctx),
    );
    return { performance, case: c };
  });
}
