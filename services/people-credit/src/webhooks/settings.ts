import type { PeopleCreditConfig } from '../config';
import type { RetryPolicy } from '../domain/webhook-rules';
import { addressPolicy, type AddressPolicy } from './addresses';

/** What webhook commands and the deliverer read of the configuration, parsed once. */
export interface WebhookSettings {
  production: boolean;
  secretKey: string;
  overlapMs: number;
  retry: RetryPolicy;
  timeoutMs: number;
  intervalMs: number;
  batchSize: number;
  addresses: AddressPolicy;
}

export function webhookSettings(config: PeopleCreditConfig): WebhookSettings {
  return {
    production: config.NODE_ENV === 'production',
    secretKey: config.WEBHOOK_SECRET_KEY,
    overlapMs: config.WEBHOOK_SECRET_OVERLAP_MS,
    retry: {
      baseMs: config.WEBHOOK_RETRY_BASE_MS,
      maxDelayMs: config.WEBHOOK_RETRY_MAX_DELAY_MS,
      windowMs: config.WEBHOOK_RETRY_WINDOW_MS,
    },
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    intervalMs: config.WEBHOOK_DELIVERY_INTERVAL_MS,
    batchSize: config.WEBHOOK_DELIVERY_BATCH_SIZE,
    addresses: addressPolicy(config.WEBHOOK_ALLOWED_NETWORKS),
  };
}
