import { z } from 'zod';
import { isoDateTime } from './define';
import { linkChanged } from './people-credit';

/**
 * What a partner department's webhook receives: the Standard Webhooks body `{ type, timestamp,
 * data }`, whose `data` is the payload of the NATS event of the same type (one schema, not two).
 * Listing changes reach a partner as the change of its credit link (`reason` LISTED:<ground> or
 * REMOVED:<ground>): the listing itself (case, name) is not the partner's to see.
 */
export interface WebhookContract<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  description: string;
  /** The body POSTed. */
  body: z.ZodObject<{ type: z.ZodLiteral<T>; timestamp: z.ZodType; data: S }>;
}

function defineWebhook<T extends string, S extends z.ZodType>(c: {
  type: T;
  description: string;
  data: S;
}): WebhookContract<T, S> {
  return {
    type: c.type,
    description: c.description,
    body: z.object({ type: z.literal(c.type), timestamp: isoDateTime(), data: c.data }),
  };
}

export const creditLinkChangedWebhook = defineWebhook({
  type: linkChanged.type,
  description:
    'The restriction status of a person for the receiving department changed (a listing or a removal). ' +
    '`webhook-id` is `data.changeId`; `timestamp` is when the change happened.',
  data: linkChanged.payload,
});

/** Every webhook type a partner may subscribe to. */
export const partnerWebhookContracts = [creditLinkChangedWebhook] as const;
export const PARTNER_WEBHOOK_EVENTS = partnerWebhookContracts.map((c) => c.type);

/** Standard Webhooks headers of every delivery. */
export const WEBHOOK_HEADERS = {
  'webhook-id': 'The stable id of the change (its idempotency key): the same on every retry and replay.',
  'webhook-timestamp': 'Seconds since the epoch when this attempt was signed; refuse ones far from your clock.',
  'webhook-signature':
    'Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` under each current secret (two during a rotation).',
} as const;
