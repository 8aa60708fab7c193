import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { outsideRequestScope } from '@zhiyuan/db';
import { errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { CODE_LENGTH, CODE_TTL_MS, codeRequestVerdict, redactCode } from '../domain/sign-in-rules';
import { SignInCodeEntity, SmsMessageEntity } from '../entities';
import { renderSignInText } from '../sign-in';
import type { Context } from '../context';
import { lockPhone, partyOfPhone, recordAttempt, requestHistory, signInPhone } from './shared/sign-in';

const input = z.object({ phone: signInPhone });

/**
 * Sends a one-time code to the phone of a party record. The answer is the same whether or not the
 * phone belongs to a party, and the limits count both alike, so nobody learns which phones are
 * known; an unknown phone is sent nothing. The code is kept only as an HMAC; the SMS goes out after
 * the commit, in the background (docs/access.md). The record of the request commits whether it is
 * sent or refused (outside the mutation's own transaction: a refusal writes its row and still fails).
 */
export async function requestSignInCode(
  ctx: Pick<Context, 'identity' | 'runtime' | 'signIn'>,
  raw: { phone: unknown },
): Promise<{ expiresAt: Date; resendAfterSeconds: number }> {
  const { phone } = parseInput(input, raw);
  const { signIn, runtime } = ctx;
  const ip = ctx.identity.ip;
  const now = signIn.clock();
  const outcome = await outsideRequestScope(() =>
    runtime.messaging.transaction(async (m) => {
      await lockPhone(m, phone);
      const verdict = codeRequestVerdict(await requestHistory(m, phone, ip, now), signIn.settings, now);
      const attempt = { kind: 'CODE_REQUESTED' as const, phone, ip, at: now };
      if (!verdict.ok) {
        await recordAttempt(m, { ...attempt, partyId: null, outcome: 'RATE_LIMITED' });
        return { refused: verdict.retryAfterSeconds };
      }
      const party = await partyOfPhone(m, phone);
      if (!party) {
        await recordAttempt(m, { ...attempt, partyId: null, outcome: 'UNKNOWN_PHONE' });
        return { refused: null, sms: null };
      }
      const code = String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
      const codeId = randomUUID();
      await m.insert(SignInCodeEntity, {
        id: codeId,
        partyId: party.id,
        phone,
        codeHash: signIn.keys.hashCode(codeId, code),
        expiresAt: new Date(now.getTime() + CODE_TTL_MS),
        createdAt: now,
      });
      const body = renderSignInText('SIGN_IN_CODE', { code, minutes: String(CODE_TTL_MS / 60_000) });
      const smsId = randomUUID();
      await m.insert(SmsMessageEntity, {
        id: smsId,
        template: 'SIGN_IN_CODE',
        recipientPartyId: party.id,
        phone,
        body: redactCode(body, code),
        status: 'QUEUED',
        createdAt: now,
      });
      await recordAttempt(m, { ...attempt, partyId: party.id, outcome: 'SENT' });
      return { refused: null, sms: { id: smsId, body } };
    }),
  );
  if (outcome.refused !== null)
    throw errors.rateLimited(outcome.refused, 'Too many sign-in codes were asked for; try again later');
  if (outcome.sms) signIn.send(runtime, outcome.sms.id, outcome.sms.body);
  return { expiresAt: new Date(now.getTime() + CODE_TTL_MS), resendAfterSeconds: signIn.settings.resendSeconds };
}
