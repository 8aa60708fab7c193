import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { outsideRequestScope } from '@zhiyuan/db';
import { errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { CODE_LENGTH, codeVerdict } from '../domain/sign-in-rules';
import { SignInCodeEntity } from '../entities';
import type { Context } from '../context';
import {
  ipRequestsLastHour,
  lockPhone,
  openSession,
  recordAttempt,
  signInPhone,
  type IssuedSession,
} from './shared/sign-in';

const input = z.object({
  phone: signInPhone,
  code: z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{${CODE_LENGTH}}$`), `must be the ${CODE_LENGTH} digits of the SMS`),
});

/** The one answer to every failed sign-in: a wrong, expired, used or exhausted code, or a phone without one. */
const WRONG = () => errors.validation('code', 'The code is wrong or has expired; ask for a new code');

/**
 * Exchanges a code for a party's tokens. The latest code of the phone is locked and its attempt
 * counted before the comparison, so at most 5 guesses are ever judged per code; the record of the
 * attempt commits whether it succeeds or not (outside the mutation's transaction, so a failure
 * still counts).
 */
export async function signIn(
  ctx: Pick<Context, 'identity' | 'runtime' | 'signIn'>,
  raw: { phone: unknown; code: unknown },
): Promise<IssuedSession> {
  const { phone, code } = parseInput(input, raw);
  const { signIn: s, runtime } = ctx;
  const ip = ctx.identity.ip;
  const now = s.clock();
  const outcome = await outsideRequestScope(() =>
    runtime.messaging.transaction(async (m) => {
      await lockPhone(m, phone);
      const attempt = { kind: 'SIGN_IN' as const, phone, ip, at: now };
      if ((await ipRequestsLastHour(m, ip, now)) >= s.settings.requestsPerIpPerHour) {
        await recordAttempt(m, { ...attempt, partyId: null, outcome: 'RATE_LIMITED' });
        return { failed: 'RATE_LIMITED' as const };
      }
      const latest = await m
        .getRepository(SignInCodeEntity)
        .createQueryBuilder('c')
        .where('c.phone = :phone', { phone })
        .orderBy('c.created_at', 'DESC')
        .limit(1)
        .setLock('pessimistic_write')
        .getOne();
      const verdict = codeVerdict(latest, now);
      if (verdict !== 'OPEN') {
        await recordAttempt(m, { ...attempt, partyId: latest?.partyId ?? null, outcome: verdict });
        return { failed: 'WRONG' as const };
      }
      const c = latest!;
      if (!s.keys.codeMatches(c.id, code, c.codeHash)) {
        await m.update(SignInCodeEntity, { id: c.id }, { attempts: c.attempts + 1 });
        await recordAttempt(m, { ...attempt, partyId: c.partyId, outcome: 'WRONG_CODE' });
        return { failed: 'WRONG' as const };
      }
      await m.update(SignInCodeEntity, { id: c.id }, { attempts: c.attempts + 1, usedAt: now });
      await recordAttempt(m, { ...attempt, partyId: c.partyId, outcome: 'OK' });
      return { failed: null, session: await openSession(m, s, c.partyId, randomUUID(), now) };
    }),
  );
  if (outcome.failed === 'RATE_LIMITED') throw errors.rateLimited(3600, 'Too many sign-in attempts; try again later');
  if (outcome.failed) throw WRONG();
  const access = await s.keys.accessToken(outcome.session.partyId, now);
  return { ...outcome.session, accessToken: access.token, accessTokenExpiresAt: access.expiresAt };
}
