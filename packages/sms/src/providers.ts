import type { Logger } from '@zhiyuan/config';
import { maskPhone } from '@zhiyuan/kernel';

export interface SmsMessage {
  /** The notification id; providers use it as the idempotency key, so a resend after a crash is not a second SMS. */
  id: string;
  phone: string;
  body: string;
  template: string;
}

export interface SmsProvider {
  readonly name: string;
  /** Resolves when the provider accepted the message; throws when it did not. */
  send(message: SmsMessage): Promise<{ providerMessageId: string | null }>;
}

/** Development default: writes the message to the log (phone masked) instead of sending it. */
export class LogSmsProvider implements SmsProvider {
  readonly name = 'log';
  constructor(private readonly log: Logger) {}

  async send(message: SmsMessage): Promise<{ providerMessageId: string | null }> {
    this.log.info(
      { notificationId: message.id, to: maskPhone(message.phone), template: message.template, body: message.body },
      'SMS (log provider)',
    );
    return { providerMessageId: `log-${message.id}` };
  }
}

/**
 * A gateway that takes `POST {url}` with `{ id, phone, body, template }` and answers 2xx with an
 * optional `{ messageId }`. The notification id goes in `Idempotency-Key`.
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';
  constructor(private readonly opts: { url: string; token?: string; timeoutMs: number }) {}

  async send(message: SmsMessage): Promise<{ providerMessageId: string | null }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': message.id };
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    const res = await fetch(this.opts.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(this.opts.timeoutMs),
    });
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    const body = (await res.json().catch(() => ({}))) as { messageId?: string };
    return { providerMessageId: body.messageId ?? null };
  }
}
