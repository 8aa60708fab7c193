import { noteAuditChanges, sqlExec } from '@zhiyuan/db';
import { auditChanges, errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import type { Context } from '../context';
import { NotificationEntity } from '../entities';
import { notificationEvent } from '../notifications/sender';
import { requireDeliveryReporter } from '../policy';
import { idSchema } from './shared/input';

/** The SMS gateway's delivery receipt: a SENT notification becomes DELIVERED. */
export async function markNotificationDelivered(ctx: Context, args: unknown): Promise<NotificationEntity> {
  requireDeliveryReporter(ctx.identity);
  const { id } = parseInput(idSchema, args);
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const n = await m.getRepository(NotificationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!n) throw errors.notFound('Notification', id);
    if (n.status !== 'SENT') throw errors.invalidTransition(n.status, 'DELIVERED', 'notification');
    const now = new Date();
    await sqlExec(m, `UPDATE tasks.notification SET status = 'DELIVERED', delivered_at = $2 WHERE id = $1`, [id, now]);
    await emit('tasks.notification.sent', notificationEvent(n, 'DELIVERED', now), { key: n.caseId ?? n.id });
    const after = await m.getRepository(NotificationEntity).findOneByOrFail({ id });
    noteAuditChanges(auditChanges({ ...n }, { ...after }, ['status', 'deliveredAt']));
    return after;
  });
}
