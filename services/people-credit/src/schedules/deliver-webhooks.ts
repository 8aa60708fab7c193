import type { EntityManager } from 'typeorm';
import { sqlExec, sqlRow, sqlRows, type Emit } from '@zhiyuan/db';
import { creditLinkChangedWebhook } from '@zhiyuan/events';
import { maskIdNumber } from '@zhiyuan/kernel';
import type { ServiceRuntime } from '@zhiyuan/server';
import { afterFailure, isAcknowledgement } from '../domain/webhook-rules';
import { postWebhook, type PostResult } from '../webhooks/http';
import { decryptSecret } from '../webhooks/secrets';
import type { WebhookSettings } from '../webhooks/settings';
import { signedHeaders } from '../webhooks/signing';

interface ClaimedRow {
  id: string;
  webhook_id: string;
  change_id: string;
  attempts: number;
  give_up_at: Date;
}

interface WebhookRow {
  id: string;
  url: string;
  secret_encrypted: string;
  previous_secret_encrypted: string | null;
  previous_secret_until: Date | null;
}

interface ChangeRow {
  id: string;
  party_id: string;
  department: string;
  status: 'RESTRICTED' | 'CLEAR';
  reason: string;
  listing_ids: string[];
  changed_at: Date;
  id_number: string;
}

/** Extra time a claimed delivery is kept from other deliverers beyond the request timeout (ms). */
const LEASE_MARGIN_MS = 30_000;

/**
 * Claims the due deliveries that head their obligor's line: of each webhook and obligor only the
 * oldest pending change (by when it was made), so an obligor's changes arrive in order. A claimed
 * delivery counts its attempt and is leased (its next attempt pushed past the request timeout), so
 * a deliverer that dies mid-request leaves it to be tried again. The retry window starts at the
 * first attempt.
 */
async function claimDue(m: EntityManager, settings: WebhookSettings, now: Date): Promise<ClaimedRow[]> {
  return sqlRows<ClaimedRow>(
    m,
    `WITH due AS (
       SELECT d.id FROM people.webhook_delivery d
       JOIN people.webhook w ON w.id = d.webhook_id AND w.status = 'ACTIVE'
       WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1
         AND NOT EXISTS (
           SELECT 1 FROM people.webhook_delivery e
           WHERE e.webhook_id = d.webhook_id AND e.party_id = d.party_id AND e.status = 'PENDING'
             AND (e.changed_at, e.seq) < (d.changed_at, d.seq))
       ORDER BY d.next_attempt_at, d.changed_at, d.seq
       LIMIT $2
       FOR UPDATE OF d SKIP LOCKED)
     UPDATE people.webhook_delivery d
     SET attempts = d.attempts + 1, last_attempt_at = $1, next_attempt_at = $3,
         give_up_at = COALESCE(d.give_up_at, $4)
     FROM due WHERE d.id = due.id
     RETURNING d.id, d.webhook_id, d.change_id, d.attempts, d.give_up_at`,
    [
      now,
      settings.batchSize,
      new Date(now.getTime() + settings.timeoutMs + LEASE_MARGIN_MS),
      new Date(now.getTime() + settings.retry.windowMs),
    ],
  );
}

/** The secrets that sign now: the current one, and the previous one while its overlap lasts. */
function signingSecrets(w: WebhookRow, key: string, now: Date): string[] {
  const secrets = [decryptSecret(w.secret_encrypted, key)];
  if (w.previous_secret_encrypted && w.previous_secret_until && w.previous_secret_until.getTime() > now.getTime())
    secrets.push(decryptSecret(w.previous_secret_encrypted, key));
  return secrets;
}

/** The body a partner receives: the contract's shape, checked before it leaves. */
export function webhookBody(c: ChangeRow): string {
  const changedAt = new Date(c.changed_at).toISOString();
  return JSON.stringify(
    creditLinkChangedWebhook.body.parse({
      type: 'credit.link.changed',
      timestamp: changedAt,
      data: {
        changeId: c.id,
        partyId: c.party_id,
        department: c.department,
        status: c.status,
        idNumberMasked: maskIdNumber(c.id_number),
        listingIds: c.listing_ids,
        reason: c.reason,
        changedAt,
      },
    }),
  );
}

/** A 2xx acknowledges the change for the partner, as acknowledgeCreditChange would (once). */
async function acknowledgeChange(m: EntityManager, emit: Emit, changeId: string, webhookId: string, now: Date) {
  const by = `webhook:${webhookId}`;
  const acked = await sqlRow<{ party_id: string; department: string }>(
    m,
    `UPDATE people.credit_link_change SET acknowledged_at = $2, acknowledged_by = $3
     WHERE id = $1 AND acknowledged_at IS NULL RETURNING party_id, department`,
    [changeId, now, by],
  );
  if (!acked) return;
  await emit(
    'credit.partner.acknowledged',
    {
      changeId,
      department: acked.department as never,
      partyId: acked.party_id,
      acknowledgedAt: now.toISOString(),
      acknowledgedBy: by,
    },
    { key: acked.party_id },
  );
}

/**
 * One round of the deliverer: claims what is due, POSTs each (signed, in parallel: the claimed
 * deliveries are of different obligors or webhooks), and records each outcome. A 2xx delivers
 * and acknowledges; a failure is retried with backoff and jitter until the retry window has
 * passed, then dead-lettered. Returns how many were attempted.
 */
export async function deliverDueWebhooks(
  runtime: ServiceRuntime,
  settings: WebhookSettings,
  now: Date = new Date(),
  random: () => number = Math.random,
): Promise<number> {
  const { messaging, ds } = runtime;
  const claimed = await messaging.transaction((m) => claimDue(m, settings, now));
  if (!claimed.length) return 0;
  const hooks = await sqlRows<WebhookRow>(
    ds.manager,
    `SELECT id, url, secret_encrypted, previous_secret_encrypted, previous_secret_until FROM people.webhook WHERE id = ANY($1::uuid[])`,
    [[...new Set(claimed.map((c) => c.webhook_id))]],
  );
  const changes = await sqlRows<ChangeRow>(
    ds.manager,
    `SELECT c.id, c.party_id, c.department, c.status, c.reason, c.listing_ids, c.changed_at, p.id_number
     FROM people.credit_link_change c JOIN people.party p ON p.id = c.party_id WHERE c.id = ANY($1::uuid[])`,
    [claimed.map((c) => c.change_id)],
  );
  const hookById = new Map(hooks.map((h) => [h.id, h]));
  const changeById = new Map(changes.map((c) => [c.id, c]));
  const results = await Promise.all(
    claimed.map(async (d): Promise<PostResult> => {
      const hook = hookById.get(d.webhook_id)!;
      const change = changeById.get(d.change_id)!;
      try {
        const body = webhookBody(change);
        const sentAt = new Date();
        const headers = signedHeaders(change.id, sentAt, body, signingSecrets(hook, settings.secretKey, sentAt));
        return await postWebhook(hook.url, body, headers, {
          timeoutMs: settings.timeoutMs,
          policy: settings.addresses,
        });
      } catch (err) {
        return { status: null, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
  const done = new Date();
  await messaging.transaction(async (m, emit) => {
    for (const [i, d] of claimed.entries()) {
      const r = results[i]!;
      if (isAcknowledgement(r.status)) {
        await sqlExec(
          m,
          `UPDATE people.webhook_delivery SET status = 'DELIVERED', delivered_at = $2, last_status_code = $3, last_error = NULL
           WHERE id = $1`,
          [d.id, done, r.status],
        );
        await acknowledgeChange(m, emit, d.change_id, d.webhook_id, done);
        continue;
      }
      const error = (r.error ?? `answered ${r.status}`).slice(0, 500);
      const next = afterFailure(done, d.attempts, new Date(d.give_up_at), settings.retry, random);
      if (next.kind === 'dead')
        await sqlExec(
          m,
          `UPDATE people.webhook_delivery SET status = 'DEAD', dead_at = $2, last_status_code = $3, last_error = $4 WHERE id = $1`,
          [d.id, done, r.status, error],
        );
      else
        await sqlExec(
          m,
          `UPDATE people.webhook_delivery SET next_attempt_at = $2, last_status_code = $3, last_error = $4 WHERE id = $1`,
          [d.id, next.at, r.status, error],
        );
    }
  });
  return claimed.length;
}

/**
 * Runs rounds until stopped: straight on while there is work (each round moves every obligor's
 * line by one), otherwise every WEBHOOK_DELIVERY_INTERVAL_MS. Returns the stop hook.
 */
export function startWebhookDeliverer(runtime: ServiceRuntime, settings: WebhookSettings): () => Promise<void> {
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      let n = 0;
      try {
        n = await deliverDueWebhooks(runtime, settings);
      } catch (err) {
        runtime.logger.warn({ err: String(err) }, 'webhook delivery round failed; will retry');
      }
      if (n > 0 || stopped) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, settings.intervalMs);
        t.unref();
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
  })();
  return async () => {
    stopped = true;
    (wake as (() => void) | null)?.();
    await loop;
  };
}
