import type { PartnerDepartment, WebhookDeliveryResolvers, WebhookResolvers } from '../generated/resolvers-types';

export const Webhook: WebhookResolvers = {
  department: (w) => w.department as PartnerDepartment,
  // A retry answered from its Idempotency-Key carries the row as JSON: instants as strings.
  previousSecretValidUntil: (w) =>
    w.previousSecretUntil && new Date(w.previousSecretUntil).getTime() > Date.now() ? w.previousSecretUntil : null,
};

export const WebhookDelivery: WebhookDeliveryResolvers = {
  messageId: (d) => d.changeId,
  nextAttemptAt: (d) => (d.status === 'PENDING' ? d.nextAttemptAt : null),
};
