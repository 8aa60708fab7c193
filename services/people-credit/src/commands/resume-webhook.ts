import { z } from 'zod';
import { sqlExec } from '@zhiyuan/db';
import { parseInput } from '@zhiyuan/server';
import type { WebhookEntity } from '../entities';
import { requireWebhookAdmin } from '../policy';
import type { CommandContext } from './shared/command-context';
import { uuid } from './shared/fields';
import { lockWebhook } from './shared/webhooks';

/**
 * Resumes a paused webhook: what it held is due at once, and the retry window of each waiting
 * delivery starts again, so a long pause dead-letters nothing by itself.
 */
export async function resumeWebhook(ctx: CommandContext, raw: { id: unknown }): Promise<WebhookEntity> {
  requireWebhookAdmin(ctx.identity);
  const { id } = parseInput(z.object({ id: uuid }), raw);
  return ctx.runtime.messaging.transaction(async (m) => {
    const w = await lockWebhook(m, id);
    if (w.status === 'ACTIVE') return w;
    const now = new Date();
    w.status = 'ACTIVE';
    w.updatedAt = now;
    await m.save(w);
    await sqlExec(
      m,
      `UPDATE people.webhook_delivery SET next_attempt_at = LEAST(next_attempt_at, $2), give_up_at = NULL
       WHERE webhook_id = $1 AND status = 'PENDING'`,
      [id, now],
    );
    return w;
  });
}
