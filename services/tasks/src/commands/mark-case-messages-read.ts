import { sqlRow } from '@zhiyuan/db';
import { requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import { canSeeCase, deny } from '../policy';
import { requireCase } from './shared/cases';
import { uuid } from './shared/input';
import { markThreadRead } from './shared/thread';

const caseIdSchema = z.object({ caseId: uuid });

/** Marks a case's thread read for the caller; answers how many messages were unread. */
export async function markCaseMessagesRead(ctx: Context, args: unknown): Promise<number> {
  requireSignedIn(ctx.identity);
  const { caseId } = parseInput(caseIdSchema, args);
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
    const unread = await sqlRow<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM tasks.case_message msg
         LEFT JOIN tasks.case_message_read r ON r.case_id = msg.case_id AND r.reader_sub = $2
         WHERE msg.case_id = $1 AND msg.author_sub <> $2 AND (r.last_read_at IS NULL OR msg.created_at > r.last_read_at)`,
      [caseId, ctx.identity.sub],
    );
    await markThreadRead(m, caseId, ctx.identity.sub);
    return unread!.n;
  });
}
