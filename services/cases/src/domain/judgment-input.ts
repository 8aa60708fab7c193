import { z } from 'zod';
import { isValidDate, uuidSchema as uuid } from '@zhiyuan/kernel';
import { isJudgmentNumber, normalizeCaseNumber } from './case-number';
import { causeByCode } from './causes';

const fenAmount = z
  .number()
  .int('must be a whole number of fen')
  .nonnegative('must not be negative')
  .max(Number.MAX_SAFE_INTEGER);
const date = z.string().refine(isValidDate, 'must be a date YYYY-MM-DD');

/** One effective judgment, as taken in by the mutation and by the bulk import. */
export const judgmentInputSchema = z
  .object({
    caseNumber: z
      .string()
      .transform(normalizeCaseNumber)
      .refine(isJudgmentNumber, 'must be a judgment case number such as (2024)浙0522民初1234号'),
    court: z.string().trim().min(2, 'must name the court').max(100),
    causeCode: z.string().refine((c) => !!causeByCode(c), 'must be a cause of action from the controlled list'),
    judgeId: uuid
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    effectiveDate: date,
    performanceDeadline: date
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    obligorIds: z.array(uuid).min(1, 'needs at least one obligor').max(50),
    obligeeIds: z.array(uuid).min(1, 'needs at least one obligee').max(50),
    principalFen: fenAmount,
    interestFen: fenAmount.default(0),
    costsFen: fenAmount.default(0),
  })
  .superRefine((j, ctx) => {
    if (new Set(j.obligorIds).size !== j.obligorIds.length)
      ctx.addIssue({ code: 'custom', path: ['obligorIds'], message: 'lists an obligor twice' });
    if (new Set(j.obligeeIds).size !== j.obligeeIds.length)
      ctx.addIssue({ code: 'custom', path: ['obligeeIds'], message: 'lists an obligee twice' });
    if (j.obligeeIds.some((id) => j.obligorIds.includes(id)))
      ctx.addIssue({
        code: 'custom',
        path: ['obligeeIds'],
        message: 'a party cannot be obligor and obligee of one judgment',
      });
    if (j.principalFen + j.interestFen + j.costsFen <= 0)
      ctx.addIssue({ code: 'custom', path: ['principalFen'], message: 'the amount owed must be more than zero' });
    if (j.principalFen + j.interestFen + j.costsFen > Number.MAX_SAFE_INTEGER)
      ctx.addIssue({ code: 'custom', path: ['principalFen'], message: 'the amount owed is too large' });
    if (j.performanceDeadline && j.performanceDeadline < j.effectiveDate)
      ctx.addIssue({ code: 'custom', path: ['performanceDeadline'], message: 'must not be before the effective date' });
  });

export type JudgmentInput = z.output<typeof judgmentInputSchema>;

/** Every problem of one row, for the reject report (the mutation reports only the first). */
export function validateJudgment(
  raw: unknown,
): { ok: true; value: JudgmentInput } | { ok: false; issues: { field: string; reason: string }[] } {
  const r = judgmentInputSchema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ field: i.path.join('.') || 'row', reason: i.message })) };
}
