import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import { sqlRow, type Emit } from '@zhiyuan/db';
import { errors, uuidSchema } from '@zhiyuan/kernel';
import type { Context } from '../context';
import { CaseEntity } from '../entities';
import { isEnforcementNumber, normalizeCaseNumber } from '../domain/case-number';
import { outstandingOf, routeOfCase } from '../domain/case-rules';
import { assertTransition } from '../domain/state-machine';
import { CASE_WORKERS } from '../policy';
import { positiveFen } from './shared/inputs';
import { endUrging, moveCase, type CommandContext } from './shared/lifecycle';
import { commandContext, onCaseWith } from './shared/on-case';
import { fixedOfficerOf } from './shared/routing';
import { addTimeline } from './shared/timeline';

const fileEnforcementInput = z.object({
  caseId: uuidSchema,
  enforcementNumber: z.string().min(1),
  amountAppliedFen: positiveFen.nullish(),
  needsService: z.boolean().nullish(),
});

interface FileEnforcementInput {
  enforcementNumber: string;
  amountAppliedFen: number | null;
  needsService: boolean;
}

/** fileEnforcement: the rights holder applied; the judge or officer files the enforcement case. */
export async function fileEnforcement(ctx: Context, input: unknown): Promise<CaseEntity> {
  return onCaseWith(ctx, input, fileEnforcementInput, CASE_WORKERS, async (i, c, manager, emit) => {
    await file(
      manager,
      emit,
      c,
      {
        enforcementNumber: i.enforcementNumber,
        amountAppliedFen: i.amountAppliedFen ?? null,
        needsService: i.needsService ?? false,
      },
      commandContext(ctx),
    );
    return c;
  });
}

interface NumberTakenRow {
  taken: number;
}

/**
 * Files the enforcement case: its own 执 number, linked to the judgment (same row), given to the
 * fixed officer of the obligor's township.
 */
async function file(
  manager: EntityManager,
  emit: Emit,
  c: CaseEntity,
  input: FileEnforcementInput,
  ctx: CommandContext,
): Promise<void> {
  const number = normalizeCaseNumber(input.enforcementNumber);
  if (!isEnforcementNumber(number))
    throw errors.validation('enforcementNumber', 'must be an enforcement case number such as (2024)浙0522执1234号');
  assertTransition(c.state, 'ENFORCEMENT_FILED');
  const outstanding = outstandingOf(c);
  const applied = input.amountAppliedFen ?? outstanding;
  if (applied <= 0 || applied > outstanding)
    throw errors.rule(
      'amount-applied',
      `The amount applied for must be between 1 and the outstanding ${outstanding} fen`,
    );
  const taken = await sqlRow<NumberTakenRow>(
    manager,
    `SELECT 1 AS taken FROM cases."case" WHERE enforcement_number = $1 OR case_number = $1 LIMIT 1`,
    [number],
  );
  if (taken) throw errors.conflict(`Case number ${number} is already in use`, { field: 'enforcementNumber' });
  const wasUrging = c.state === 'URGING';
  c.enforcementNumber = number;
  c.amountAppliedFen = applied;
  c.filedAt = ctx.now;
  c.needsService = input.needsService;
  await manager.update(
    CaseEntity,
    { id: c.id },
    { enforcementNumber: number, amountAppliedFen: applied, filedAt: ctx.now, needsService: input.needsService },
  );
  await moveCase(manager, emit, c, 'ENFORCEMENT_FILED', {
    ...ctx,
    reason: 'rights holder applied for enforcement',
    announce: false,
  });
  if (wasUrging) await endUrging(manager, emit, c, 'ENFORCEMENT_APPLIED', ctx.actor, ctx.now);
  const officerId = await fixedOfficerOf(manager, c.townshipCode);
  c.officerId = officerId;
  await manager.update(CaseEntity, { id: c.id }, { officerId });
  await addTimeline(manager, c.id, 'ENFORCEMENT_FILED', ctx.actor, ctx.now, {
    enforcementNumber: number,
    officerId,
    amountAppliedFen: applied,
  });
  await emit(
    'cases.enforcement.filed',
    {
      caseId: c.id,
      enforcementNumber: number,
      caseNumber: c.caseNumber,
      judgeId: c.judgeId,
      officerId,
      obligorIds: c.obligorIds,
      obligeeIds: c.obligeeIds,
      amountAppliedFen: applied,
      needsService: input.needsService,
      filedAt: ctx.now.toISOString(),
      ...routeOfCase(c),
    },
    { key: c.id },
  );
}
