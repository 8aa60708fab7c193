import { z } from 'zod';
import { sqlRow } from '@zhiyuan/db';
import { errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import type { WebhookEntity } from '../entities';
import { requireWebhookAdmin } from '../policy';
import type { CommandContext } from './shared/command-context';
import { uuid } from './shared/fields';
import { lockWebhook } from './shared/webhooks';

/** A replay re-sends at most this many changes; a wider range is split by `to`. */
export const MAX_REPLAY = 10_000;

const input = z.object({
  id: uuid,
  from: z.coerce.date({ error: 'must be an ISO-8601 instant' }),
  to: z.coerce.date({ error: 'must be an ISO-8601 instant' }).nullish(),
});

/**
 * Sends again every change of the webhook's department from `from` (inclusive) up to `to`
 * (exclusive, if given), delivered ones and dead-lettered ones alike, with the same webhook-id as
 * before (the receiver deduplicates), and changes made before the webhook existed too. Each goes
 * back into its obligor's line in the order the changes were made.
 */
export async function replayWebhook(
  ctx: CommandContext,
  raw: { id: unknown; from: unknown; to?: unknown },
): Promise<{ webhook: WebhookEntity; queued: number }> {
  requireWebhookAdmin(ctx.identity);
  const { id, from, to } = parseInput(input, raw);
  const now = new Date();
  if (from.getTime() > now.getTime()) throw errors.validation('from', 'from: must not be in the future');
  if (to && to.getTime() <= from.getTime()) throw errors.validation('to', 'to: must be after from');
  return ctx.runtime.messaging.transaction(async (m) => {
    const webhook = await lockWebhook(m, id);
    if (!webhook.events.includes('credit.link.changed')) return { webhook, queued: 0 };
    const counted = await sqlRow<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM people.credit_link_change
       WHERE department = $1 AND changed_at >= $2 AND ($3::timestamptz IS NULL OR changed_at < $3)`,
      [webhook.department, from, to ?? null],
    );
    if ((counted?.n ?? 0) > MAX_REPLAY)
      throw errors.validation(
        'to',
        `to: the range holds ${counted?.n} changes, more than ${MAX_REPLAY}; replay it in parts`,
      );
    const queued = await sqlRow<{ n: number }>(
      m,
      `WITH q AS (
         INSERT INTO people.webhook_delivery (id, webhook_id, change_id, party_id, event_type, changed_at, next_attempt_at, created_at)
         SELECT gen_random_uuid(), $1, c.id, c.party_id, 'credit.link.changed', c.changed_at, $5, $5
         FROM people.credit_link_change c
         WHERE c.department = $2 AND c.changed_at >= $3 AND ($4::timestamptz IS NULL OR c.changed_at < $4)
         ORDER BY c.changed_at, c.id
         ON CONFLICT (webhook_id, change_id) DO UPDATE
           SET status = 'PENDING', next_attempt_at = EXCLUDED.next_attempt_at, give_up_at = NULL, dead_at = NULL,
               replays = people.webhook_delivery.replays + 1
         RETURNING 1)
       SELECT count(*)::int AS n FROM q`,
      [webhook.id, webhook.department, from, to ?? null, now],
    );
    return { webhook, queued: queued?.n ?? 0 };
  });
}
