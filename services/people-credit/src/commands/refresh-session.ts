import { z } from 'zod';
import { outsideRequestScope } from '@zhiyuan/db';
import { errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { refreshVerdict } from '../domain/sign-in-rules';
import { PartySessionEntity } from '../entities';
import type { Context } from '../context';
import { hashRefreshToken, openSession, revokeFamily, type IssuedSession } from './shared/sign-in';

export const refreshTokenInput = z.object({ refreshToken: z.string().min(1, 'must not be empty').max(200) });

/**
 * Rotates a refresh token: the presented one is spent and a new one of the same family issued with
 * a new access token. A spent (or revoked) token presented again means it was copied, so the whole
 * family is revoked and every holder must sign in again. The revocation commits although the call
 * fails.
 */
export async function refreshSession(
  ctx: Pick<Context, 'runtime' | 'signIn'>,
  raw: { refreshToken: unknown },
): Promise<IssuedSession> {
  const { refreshToken } = parseInput(refreshTokenInput, raw);
  const { signIn, runtime } = ctx;
  const now = signIn.clock();
  const outcome = await outsideRequestScope(() =>
    runtime.messaging.transaction(async (m) => {
      const session = await m.findOne(PartySessionEntity, {
        where: { tokenHash: hashRefreshToken(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      const verdict = refreshVerdict(session, now);
      if (verdict === 'REUSED') await revokeFamily(m, session!.familyId, 'REUSED', now);
      if (verdict !== 'ROTATE') return { failed: verdict };
      await m.update(PartySessionEntity, { id: session!.id }, { rotatedAt: now });
      return { failed: null, session: await openSession(m, signIn, session!.partyId, session!.familyId, now) };
    }),
  );
  if (outcome.failed) throw errors.unauthenticated('The session has ended; sign in again');
  const access = await signIn.keys.accessToken(outcome.session.partyId, now);
  return { ...outcome.session, accessToken: access.token, accessTokenExpiresAt: access.expiresAt };
}
