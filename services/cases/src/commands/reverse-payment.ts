import { z } from 'zod';
import { DomainError, errors, requireRole, uuidSchema } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import type { Context } from '../context';
import { PerformanceEntity, PerformanceReversalEntity, type CaseEntity } from '../entities';
import { CASE_WORKERS } from '../policy';
import { commandContext, onCase } from './shared/on-case';
import { reversePayment as reverse } from './shared/payments';

const reversePaymentInput = z.object({
  id: uuidSchema,
  reason: z.string().trim().min(2, 'state why the payment is reversed').max(1000),
});

export interface ReversePaymentResult {
  performance: PerformanceEntity;
  case: CaseEntity;
}

/**
 * reversePayment: a payment recorded in error is reversed by the case's workers (the judge presiding
 * it, the officer of its township), by a compensating entry. A reversal cannot itself be reversed
 * (RULE_VIOLATION `reversal-not-reversible`), nor a payment twice (CONFLICT).
 */
export async function reversePayment(ctx: Context, input: unknown): Promise<ReversePaymentResult> {
  const i = parseInput(reversePaymentInput, input);
  requireRole(ctx.identity, ...CASE_WORKERS);
  const ds = ctx.runtime.ds;
  const found = await ds.getRepository(PerformanceEntity).findOneBy({ id: i.id });
  if (!found) {
    if (await ds.getRepository(PerformanceReversalEntity).existsBy({ id: i.id })) {
      throw new DomainError('RULE_VIOLATION', 'A reversal cannot be reversed: record the payment again instead', {
        rule: 'reversal-not-reversible',
      });
    }
    throw errors.notFound('Performance', i.id);
  }
  return onCase(ctx, found.caseId, CASE_WORKERS, async (c, manager, emit) => {
    const performance = await manager.findOneByOrFail(PerformanceEntity, {
      id: i.id,
    });
    await reverse(manager, emit, c, performance, i.reason, commandContext(ctx));
    const reloaded = await manager.findOneOrFail(PerformanceEntity, {
      where: { id: i.id },
      relations: { reversal: true },
    });
    return { performance: reloaded, case: c };
  });
}
