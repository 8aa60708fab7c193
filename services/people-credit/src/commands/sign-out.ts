import { outsideRequestScope } from '@zhiyuan/db';
import { parseInput } from '@zhiyuan/server';
import { PartySessionEntity } from '../entities';
import type { Context } from '../context';
import { refreshTokenInput } from './refresh-session';
import { hashRefreshToken, revokeFamily } from './shared/sign-in';

/**
 * Ends the session a refresh token belongs to (its whole family). Answers true for any token, known
 * or not, so the call tells nothing; access tokens already issued run out on their own (15 minutes).
 */
export async function signOut(
  ctx: Pick<Context, 'runtime' | 'signIn'>,
  raw: { refreshToken: unknown },
): Promise<boolean> {
  const { refreshToken } = parseInput(refreshTokenInput, raw);
  const now = ctx.signIn.clock();
  await outsideRequestScope(() =>
    ctx.runtime.messaging.transaction(async (m) => {
      const session = await m.findOneBy(PartySessionEntity, { tokenHash: hashRefreshToken(refreshToken) });
      if (session) await revokeFamily(m, session.familyId, 'SIGNED_OUT', now);
    }),
  );
  return true;
}
