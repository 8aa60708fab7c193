import type { EntityManager } from 'typeorm';
import { errors } from '@zhiyuan/kernel';
import { WebhookEntity } from '../../entities';

/** The webhook, locked for the change a command makes to it; NOT_FOUND when there is none. */
export async function lockWebhook(manager: EntityManager, id: string): Promise<WebhookEntity> {
  const w = await manager.findOne(WebhookEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!w) throw errors.notFound('Webhook', id);
  return w;
}
