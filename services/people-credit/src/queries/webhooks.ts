import { z } from 'zod';
import { errors, instantIdCursor, isUuid, pageArgs, toConnection } from '@zhiyuan/kernel';
import type { Context } from '../context';
import { WebhookDeliveryEntity, WebhookEntity } from '../entities';
import type { QueryWebhookDeliveriesArgs, QueryWebhooksArgs } from '../generated/resolvers-types';
import { requireWebhookAdmin } from '../policy';

const DELIVERY_STATUSES = z.enum(['PENDING', 'DELIVERED', 'DEAD']);

export async function webhook(ctx: Context, { id }: { id: string }): Promise<WebhookEntity | null> {
  requireWebhookAdmin(ctx.identity);
  if (!isUuid(id)) throw errors.validation('id', 'id: must be a uuid');
  return ctx.runtime.ds.getRepository(WebhookEntity).findOneBy({ id });
}

/** The webhooks of one department, or of all, oldest first. */
export async function webhooks(ctx: Context, { department }: QueryWebhooksArgs): Promise<WebhookEntity[]> {
  requireWebhookAdmin(ctx.identity);
  return ctx.runtime.ds
    .getRepository(WebhookEntity)
    .find({ where: department ? { department } : {}, order: { createdAt: 'ASC', id: 'ASC' } });
}

/** A webhook's deliveries, newest first, optionally of one status (DEAD: the dead letters). */
export async function webhookDeliveries(ctx: Context, { webhookId, status, first, after }: QueryWebhookDeliveriesArgs) {
  requireWebhookAdmin(ctx.identity);
  if (!isUuid(webhookId)) throw errors.validation('webhookId', 'webhookId: must be a uuid');
  if (status && !DELIVERY_STATUSES.safeParse(status).success) throw errors.validation('status', 'status: unknown');
  const page = pageArgs({ first, after });
  const cursor = instantIdCursor(page.after);
  const q = ctx.runtime.ds
    .getRepository(WebhookDeliveryEntity)
    .createQueryBuilder('d')
    .where('d.webhook_id = :webhookId', { webhookId })
    .orderBy('d.created_at', 'DESC')
    .addOrderBy('d.id', 'DESC')
    .limit(page.limit + 1);
  if (status) q.andWhere('d.status = :status', { status });

  if (cursor)
    q.andWhere('(d.created_at, d.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', {
      at: cursor[0],
      id: cursor[1],
    });
  const rows = await q.getMany();
  return toConnection(rows, page.limit, (d) => [d.createdAt.toISOString(), d.id]);
}
