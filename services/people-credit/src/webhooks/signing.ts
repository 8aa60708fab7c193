import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks headers for one message: `webhook-id` (the change's stable id, the receiver's
 * idempotency key), `webhook-timestamp` (seconds) and `webhook-signature`, one `v1,<HMAC-SHA256>`
 * per secret, space-separated, so that during a rotation's overlap a receiver holding either
 * secret verifies it.
 */
export function signedHeaders(
  messageId: string,
  at: Date,
  body: string,
  secrets: readonly string[],
): Record<string, string> {
  const signatures = secrets.map((s) => new Webhook(s).sign(messageId, at, body));
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
