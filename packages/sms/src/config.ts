import { fields, z, type Logger } from '@zhiyuan/config';
import { HttpSmsProvider, LogSmsProvider, type SmsProvider } from './providers';

/**
 * The configuration that chooses a service's SMS provider, the same variables in every service that
 * sends SMS (spread into its config schema).
 */
export const smsConfigShape = {
  /** Where SMS go: `log` writes them to the log (development), `http` posts them to SMS_HTTP_URL. */
  SMS_PROVIDER: z.enum(['log', 'http']).default('log'),
  /** The SMS gateway endpoint, required when SMS_PROVIDER=http. */
  SMS_HTTP_URL: z.url().optional(),
  /** Bearer token for the SMS gateway, if it wants one. */
  SMS_HTTP_TOKEN: z.string().optional(),
  /** Time the SMS gateway has to answer one message. */
  SMS_HTTP_TIMEOUT_MS: fields.positiveInt(10_000),
};

export interface SmsConfig {
  SMS_PROVIDER: 'log' | 'http';
  SMS_HTTP_URL?: string;
  SMS_HTTP_TOKEN?: string;
  SMS_HTTP_TIMEOUT_MS: number;
}

/** The provider the configuration names. */
export function smsProviderFor(config: SmsConfig, logger: Logger): SmsProvider {
  if (config.SMS_PROVIDER === 'http') {
    if (!config.SMS_HTTP_URL) throw new Error('SMS_PROVIDER=http needs SMS_HTTP_URL');
    return new HttpSmsProvider({
      url: config.SMS_HTTP_URL,
      token: config.SMS_HTTP_TOKEN,
      timeoutMs: config.SMS_HTTP_TIMEOUT_MS,
    });
  }
  return new LogSmsProvider(logger);
}

/** The refinement a config schema adds beside smsConfigShape: the http provider needs its URL. */
export const smsHttpUrlRequired: [
  (c: Pick<SmsConfig, 'SMS_PROVIDER' | 'SMS_HTTP_URL'>) => boolean,
  { path: string[]; message: string },
] = [
  (c) => c.SMS_PROVIDER !== 'http' || !!c.SMS_HTTP_URL,
  { path: ['SMS_HTTP_URL'], message: 'is required when SMS_PROVIDER=http' },
];
