import { z } from 'zod';
import { parseInput } from '@zhiyuan/server';
import type { WebhookEntity } from '../entities';
import { requireWebhookAdmin } from '../policy';
import { decryptSecret, encryptSecret, newWebhookSecret } from '../webhooks/secrets';
import type { WebhookCommandContext } from './register-webhook';
import { uuid } from './shared/fields';
import { lockWebhook } from './shared/webhooks';

/**
 * A new secret for a webhook, shown once. The one it replaces keeps signing beside it until the
 * overlap (WEBHOOK_SECRET_OVERLAP_MS) ends, so the partner can switch its receiver without losing
 * a delivery; a rotation during an overlap drops the oldest secret.
 */
export async function rotateWebhookSecret(
  ctx: WebhookCommandContext,
  raw: { id: unknown },
): Promise<{ webhook: WebhookEntity; secret: string }> {
  requireWebhookAdmin(ctx.identity);
  const { id } = parseInput(z.object({ id: uuid }), raw);
  const secret = newWebhookSecret();
  const now = new Date();
  const webhook = await ctx.runtime.messaging.transaction(async (m) => {
    const w = await lockWebhook(m, id);
    w.previousSecretEncrypted = w.secretEncrypted;
    w.previousSecretUntil = new Date(now.getTime() + ctx.webhooks.overlapMs);
    w.secretEncrypted = encryptSecret(secret, ctx.webhooks.secretKey);
    w.secretRotatedAt = now;
    w.updatedAt = now;
    await m.save(w);
    return w;
  });
  // From the row the transaction answered: a retry with the same Idempotency-Key is answered from the stored
  // result (the row, whose secret is encrypted) and shows the same secret, never a plaintext copy at rest.
  return { webhook, secret: decryptSecret(webhook.secretEncrypted, ctx.webhooks.secretKey) };
}
