import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Signed tickets between the owning subgraph and the gateway. The subgraph decides who may upload
 * or download (its policy) and hands out a short-lived ticket; the gateway, which streams the bytes,
 * only checks the signature and the expiry. A receipt is the gateway's word to the subgraph that a
 * file was stored with a hash and a size: a client cannot make one. The key is derived from the
 * INTERNAL_AUTH_SECRET that gateway and subgraphs already share, for this use alone.
 */
const identityClaims = z.object({
  sub: z.string(),
  roles: z.array(z.string()),
  divisionCode: z.string().nullable(),
  department: z.string().nullable(),
  partyId: z.string().nullable(),
});

export const uploadTicketSchema = z.object({
  k: z.literal('upload'),
  /** The subgraph that owns the attachment row: `tasks` or `cases`. */
  svc: z.string(),
  id: z.string(),
  key: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().positive(),
  who: identityClaims,
  exp: z.number(),
});
export const downloadTicketSchema = z.object({
  k: z.literal('download'),
  svc: z.string(),
  id: z.string(),
  who: identityClaims,
  exp: z.number(),
});
export const receiptSchema = z.object({
  k: z.literal('receipt'),
  id: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().positive(),
  contentType: z.string(),
  exp: z.number(),
});
export type UploadTicket = z.infer<typeof uploadTicketSchema>;
export type DownloadTicket = z.infer<typeof downloadTicketSchema>;
export type Receipt = z.infer<typeof receiptSchema>;
export type TicketIdentity = z.infer<typeof identityClaims>;

const keys = new Map<string, Buffer>();
function keyOf(secret: string): Buffer {
  let k = keys.get(secret);
  if (!k) {
    k = createHmac('sha256', secret).update('zhiyuan attachment tickets v1').digest();
    keys.set(secret, k);
  }
  return k;
}

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', keyOf(secret)).update(body).digest();
}

/** `<payload>.<signature>`, both base64url; `ttlSeconds` from `now`. */
export function signTicket<T extends { exp: number }>(
  secret: string,
  claims: Omit<T, 'exp'>,
  ttlSeconds: number,
  now = Date.now(),
): string {
  const body = Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(now / 1000) + ttlSeconds })).toString(
    'base64url',
  );
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

export type TicketProblem = 'FORGED' | 'EXPIRED';

/** The ticket's claims, or why it is refused: a bad signature or shape is FORGED; a past expiry EXPIRED. */
export function verifyTicket<S extends z.ZodType<{ exp: number }>>(
  secret: string,
  schema: S,
  ticket: string,
  now = Date.now(),
): { ok: true; claims: z.infer<S> } | { ok: false; problem: TicketProblem } {
  const [body, sig, extra] = String(ticket).split('.');
  if (!body || !sig || extra !== undefined) return { ok: false, problem: 'FORGED' };
  const expected = mac(secret, body);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: 'FORGED' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'FORGED' };
  }
  const r = schema.safeParse(parsed);
  if (!r.success) return { ok: false, problem: 'FORGED' };
  if (r.data.exp * 1000 < now) return { ok: false, problem: 'EXPIRED' };
  return { ok: true, claims: r.data };
}

/** The identity claims a ticket carries (the caller's address is not kept: the request's own is used). */
export function ticketIdentity(identity: TicketIdentity): TicketIdentity {
  return {
    sub: identity.sub,
    roles: [...identity.roles],
    divisionCode: identity.divisionCode,
    department: identity.department,
    partyId: identity.partyId,
  };
}
