import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PARTNER_DEPARTMENTS, PARTNER_WEBHOOK_EVENTS } from '@zhiyuan/events';
import { errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { webhookUrlProblem } from '../domain/webhook-rules';
import { WebhookEntity } from '../entities';
import { requireWebhookAdmin } from '../policy';
import { resolveAllowed, RefusedAddressError } from '../webhooks/addresses';
import { decryptSecret, encryptSecret, newWebhookSecret } from '../webhooks/secrets';
import type { WebhookSettings } from '../webhooks/settings';
import type { CommandContext } from './shared/command-context';

export type WebhookCommandContext = CommandContext & { webhooks: WebhookSettings };

const input = z.object({
  department: z.enum(PARTNER_DEPARTMENTS),
  url: z.string().trim().min(1, 'must not be empty'),
  events: z
    .array(
      z.string().refine((e) => (PARTNER_WEBHOOK_EVENTS as readonly string[]).includes(e), {
        message: `must be one of ${PARTNER_WEBHOOK_EVENTS.join(', ')}`,
      }),
    )
    .min(1, 'name at least one event type'),
});

/**
 * Checks a webhook URL: its form (https only in production, no credentials), and every address its
 * host resolves to (no private, loopback or link-local address unless configuration allows it).
 */
export async function requireReachableUrl(settings: WebhookSettings, url: string): Promise<string> {
  const problem = webhookUrlProblem(url, { production: settings.production });
  if (problem) throw errors.validation('url', `url: ${problem}`);
  const target = new URL(url);
  try {
    await resolveAllowed(target.hostname, settings.addresses);
  } catch (err) {
    if (err instanceof RefusedAddressError) throw errors.validation('url', `url: refused, ${err.message}`);
    throw errors.validation('url', `url: ${target.hostname} does not resolve`);
  }
  return target.toString();
}

/** Registers a webhook for a partner department; the secret is in the answer only, and stored encrypted. */
export async function registerWebhook(
  ctx: WebhookCommandContext,
  raw: { department: unknown; url: unknown; events: unknown },
): Promise<{ webhook: WebhookEntity; secret: string }> {
  requireWebhookAdmin(ctx.identity);
  const { department, url, events } = parseInput(input, raw);
  const target = await requireReachableUrl(ctx.webhooks, url);
  const secret = newWebhookSecret();
  const now = new Date();
  const webhook = await ctx.runtime.messaging.transaction(async (m) => {
    const w = m.create(WebhookEntity, {
      id: randomUUID(),
      department,
      url: target,
      events: [...new Set(events)],
      status: 'ACTIVE',
      secretEncrypted: encryptSecret(secret, ctx.webhooks.secretKey),
      previousSecretEncrypted: null,
      previousSecretUntil: null,
      secretRotatedAt: null,
      createdBy: ctx.identity.sub,
      createdAt: now,
      updatedAt: now,
    });
    await m.insert(WebhookEntity, w);
    return w;
  });
  // From the row the transaction answered: a retry with the same Idempotency-Key is answered from the stored
  // result (the row, whose secret is encrypted) and shows the same secret, never a plaintext copy at rest.
  return { webhook, secret: decryptSecret(webhook.secretEncrypted, ctx.webhooks.secretKey) };
}
