import type { ServiceRuntime } from '@zhiyuan/server';
import type { SmsProvider } from '@zhiyuan/sms';
import type { SignInLimits } from '../domain/sign-in-rules';
import { PartyTokenKeys, type PartyTokenOptions } from './keys';
import { deliverSms } from './sms';

export { PartyTokenKeys, PARTY_TOKEN_ALGORITHM } from './keys';
export { SIGN_IN_TEMPLATES, renderSignInText } from './templates';

export interface SignInSettings extends SignInLimits, PartyTokenOptions {
  refreshTtlDays: number;
  privateKeyPem: string | undefined;
}

/**
 * What the sign-in commands need beyond the request: the token keys (loaded at start), the SMS
 * provider, the limits, and the deliveries still under way (awaited when the service stops).
 */
export class SignIn {
  private loaded: PartyTokenKeys | undefined;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    readonly settings: SignInSettings,
    private readonly provider: SmsProvider,
    readonly clock: () => Date,
  ) {}

  async start(): Promise<void> {
    this.loaded ??= await PartyTokenKeys.load(this.settings.privateKeyPem, this.settings);
  }

  get keys(): PartyTokenKeys {
    if (!this.loaded) throw new Error('party token keys are not loaded (the service is not started)');
    return this.loaded;
  }

  /**
   * Sends a committed ledger row in the background, so a known phone is answered as fast as an
   * unknown one (the answer never waits on the SMS gateway).
   */
  send(runtime: ServiceRuntime, id: string, body: string): void {
    const p = deliverSms(runtime, this.provider, id, body, this.clock)
      .catch((err: unknown) =>
        runtime.logger.error(
          { smsId: id, err: err instanceof Error ? err.message : String(err) },
          'sign-in SMS delivery failed',
        ),
      )
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
