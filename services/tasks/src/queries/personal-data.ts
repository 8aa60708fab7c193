import type { Context } from '../context';
import { isUnmaskedReadOfOther } from '../policy';

/**
 * A party's personal data in a form, a plan or a visit log is shown to whoever may read the record, and
 * the read is recorded (PIPL: access to personal data is logged): `operation` (the type, e.g.
 * `PropertyDeclaration`) and the party, once per request, unless the party reads its own. Returns the value.
 */
export async function personal<T>(ctx: Context, operation: string, partyId: string, value: T): Promise<T> {
  if (isUnmaskedReadOfOther(ctx.identity, partyId)) await ctx.auditPersonalRead.load(`${operation} ${partyId}`);
  return value;
}
