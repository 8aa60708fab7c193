import { randomUUID } from 'node:crypto';
import { sqlExec } from '@zhiyuan/db';
import { requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import { CaseMessageEntity } from '../entities';
import { canSeeCase, deny } from '../policy';
import { requireCase } from './shared/cases';
import { text, uuid } from './shared/input';
import { markThreadRead } from './shared/thread';

const caseMessageSchema = z.object({ caseId: uuid, body: text(2000) });

/** A message on a case's thread, by its staff or its parties; the author has read the thread up to it. */
export async function postCaseMessage(ctx: Context, args: unknown): Promise<CaseMessageEntity> {
  requireSignedIn(ctx.identity);
  const { caseId, body } = parseInput(caseMessageSchema, args);
  return ctx.runtime.messaging.transaction(async (m) => {
    const { ref, parties } = await requireCase(m, caseId);
    if (
      !canSeeCase(
        ctx.identity,
        ref,
        parties.map((p) => p.partyId),
      )
    )
      deny('You are not on this case');
    const id = randomUUID();
    await sqlExec(
      m,
      `INSERT INTO tasks.case_message (id, case_id, author_sub, author_role, body) VALUES ($1, $2, $3, $4, $5)`,
      [id, caseId, ctx.identity.sub, ctx.identity.roles[0], body],
    );
    await markThreadRead(m, caseId, ctx.identity.sub);
    return m.getRepository(CaseMessageEntity).findOneByOrFail({ id });
  });
}
