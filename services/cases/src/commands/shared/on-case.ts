import type { EntityManager } from 'typeorm';
import type { Role } from '@zhiyuan/auth';
import type { Emit } from '@zhiyuan/db';
import { z } from 'zod';
import { errors, requireRole, uuidSchema } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import type { Context } from '../../context';
import type { CaseEntity } from '../../entities';
import { requireCaseAccess } from '../../policy';
import { lockCase, type CommandContext } from './lifecycle';

const caseIdInput = z.object({ caseId: uuidSchema });

/** The actor, clock and settings a command runs with. */
export const commandContext = (ctx: Context): CommandContext => ({
  actor: ctx.identity.sub,
  now: new Date(),
  settings: ctx.settings,
});

/**
 * A command on one case whose input is read only once the caller is known to act on the case: the
 * role, then the case id, then the case's scope, and only then the rest of the input. A caller
 * outside the case's scope is refused FORBIDDEN whatever else it sent, so it learns nothing of the
 * case or of which of its values the case would have taken.
 */
export async function onCaseWith<S extends z.ZodType<{ caseId: string }>, R>(
  ctx: Context,
  input: unknown,
  schema: S,
  roles: Role[],
  work: (i: z.infer<S>, c: CaseEntity, manager: EntityManager, emit: Emit) => Promise<R>,
): Promise<R> {
  const caseId = (input as { caseId?: unknown } | null)?.caseId;
  return onCase(ctx, caseId as string, roles, (c, manager, emit) => work(parseInput(schema, input), c, manager, emit));
}

/**
 * Runs a command on one locked case after checking the caller may act on it through `roles`: one
 * transaction for the case's rows, its timeline and its outbox events.
 */
export async function onCase<R>(
  ctx: Context,
  caseId: string,
  roles: Role[],
  work: (c: CaseEntity, manager: EntityManager, emit: Emit) => Promise<R>,
): Promise<R> {
  requireRole(ctx.identity, ...roles);
  parseInput(caseIdInput, { caseId });
  try {
    return await ctx.runtime.messaging.transaction(async (manager, emit) => {
      const c = await lockCase(manager, caseId);
      requireCaseAccess(ctx.identity, c, roles);
      return work(c, manager, emit);
    });
  } catch (err) {
    // Two clerks racing for one enforcement number: the unique index decides, the loser gets CONFLICT.
    if ((err as { code?: string }).code === '23505')
      throw errors.conflict('That number is already in use', {
        detail: (err as { constraint?: string }).constraint ?? null,
      });
    throw err;
  }
}
