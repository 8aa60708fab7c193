import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sqlRow, sqlRows } from '@zhiyuan/db';
import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import { normalizePhone, type CodeRequestHistory } from '../../domain/sign-in-rules';
import { PartySessionEntity, SignInAttemptEntity } from '../../entities';
import type { SignIn } from '../../sign-in';

/** A phone as sign-in takes it: normalized to its digits, or VALIDATION_FAILED on `phone`. */
export const signInPhone = z
  .string()
  .max(40, 'must be a phone number')
  .transform((v, ctx) => {
    const n = normalizePhone(v);
    if (!n) {
      ctx.addIssue({ code: 'custom', message: 'must be a phone number' });
      return z.NEVER;
    }
    return n;
  });

/** Serializes the sign-in work of one phone (rate counts, code attempts) across requests and instances. */
export async function lockPhone(m: EntityManager, phone: string): Promise<void> {
  await sqlRows(m, `SELECT pg_advisory_xact_lock(hashtext($1)) AS locked`, [`people.sign-in:${phone}`]);
}

/** Requests and attempts of the last hour: by phone (requests not refused) and by client address (everything). */
export async function requestHistory(
  m: EntityManager,
  phone: string,
  ip: string | null,
  now: Date,
): Promise<CodeRequestHistory> {
  const hourAgo = new Date(now.getTime() - 3600_000);
  const byPhone = await sqlRow<{ n: string; last: Date | null }>(
    m,
    `SELECT count(*) AS n, max(at) AS last FROM people.sign_in_attempt
      WHERE phone = $1 AND kind = 'CODE_REQUESTED' AND outcome <> 'RATE_LIMITED' AND at > $2`,
    [phone, hourAgo],
  );
  return {
    phoneRequestsLastHour: Number(byPhone?.n ?? 0),
    lastPhoneRequestAt: byPhone?.last ?? null,
    ipRequestsLastHour: await ipRequestsLastHour(m, ip, now),
  };
}

export async function ipRequestsLastHour(m: EntityManager, ip: string | null, now: Date): Promise<number> {
  if (!ip) return 0;
  const row = await sqlRow<{ n: string }>(
    m,
    `SELECT count(*) AS n FROM people.sign_in_attempt WHERE ip = $1 AND at > $2`,
    [ip, new Date(now.getTime() - 3600_000)],
  );
  return Number(row?.n ?? 0);
}

/** The party a phone signs in as: a person before an organization, then the earliest registered. */
export async function partyOfPhone(m: EntityManager, phone: string): Promise<{ id: string } | null> {
  return sqlRow<{ id: string }>(
    m,
    `SELECT id FROM people.party
      WHERE phone IS NOT NULL AND regexp_replace(phone, '[^0-9]', '', 'g') IN ($1, '86' || $1)
      ORDER BY (kind = 'PERSON') DESC, created_at, id LIMIT 1`,
    [phone],
  );
}

export async function recordAttempt(
  m: EntityManager,
  a: Pick<SignInAttemptEntity, 'kind' | 'phone' | 'ip' | 'partyId' | 'outcome' | 'at'>,
): Promise<void> {
  await m.insert(SignInAttemptEntity, { id: randomUUID(), ...a });
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface IssuedSession {
  partyId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** A new refresh token in a family (new on sign-in, the same on rotation); only its hash is stored. */
export async function openSession(
  m: EntityManager,
  signIn: SignIn,
  partyId: string,
  familyId: string,
  now: Date,
): Promise<Omit<IssuedSession, 'accessToken' | 'accessTokenExpiresAt'>> {
  const refreshToken = randomBytes(32).toString('base64url');
  const refreshTokenExpiresAt = new Date(now.getTime() + signIn.settings.refreshTtlDays * 86_400_000);
  await m.insert(PartySessionEntity, {
    id: randomUUID(),
    familyId,
    partyId,
    tokenHash: hashRefreshToken(refreshToken),
    createdAt: now,
    expiresAt: refreshTokenExpiresAt,
  });
  return { partyId, refreshToken, refreshTokenExpiresAt };
}

/** Ends every live token of a family. */
export async function revokeFamily(m: EntityManager, familyId: string, reason: string, now: Date): Promise<void> {
  await m
    .createQueryBuilder()
    .update(PartySessionEntity)
    .set({ revokedAt: now, revokedReason: reason })
    .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
    .execute();
}
