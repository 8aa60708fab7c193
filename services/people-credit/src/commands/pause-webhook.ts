import { z } from 'zod';
import { parseInput } from '@zhiyuan/server';
import type { WebhookEntity } from '../entities';
import { requireWebhookAdmin } from '../policy';
import type { CommandContext } from './shared/command-context';
import { uuid } from './shared/fields';
import { lockWebhook } from './shared/webhooks';

/** Holds a webhook's deliveries: changes keep being queued and wait, in order, until it is resumed. */
export async function pauseWebhook(ctx: CommandContext, raw: { id: unknown }): Promise<WebhookEntity> {
  requireWebhookAdmin(ctx.identity);
  const { id } = parseInput(z.object({ id: uuid }), raw);
  return ctx.runtime.messaging.transaction(async (m) => {
    const w = await lockWebhook(m, id);
    if (w.status === 'PAUSED') return w;
    w.status = 'PAUSED';
    w.updatedAt = new Date();
    await m.save(w);
    return w;
  });
}
