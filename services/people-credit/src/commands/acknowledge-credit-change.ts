import { errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { CreditLinkChangeEntity } from '../entities';
import type { PartnerDepartment } from '../generated/resolvers-types';
import { requireMayAcknowledge, requireSignedIn } from '../policy';
import type { CommandContext } from './shared/command-context';
import { uuid } from './shared/fields';

/** A partner department acknowledges a change of its own through the graph (once; a second time answers the first). */
export async function acknowledgeCreditChange(
  ctx: CommandContext,
  rawChangeId: unknown,
): Promise<CreditLinkChangeEntity> {
  const { identity } = ctx;
  requireSignedIn(identity);
  const changeId = parseInput(uuid, rawChangeId);
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const c = await m.findOne(CreditLinkChangeEntity, { where: { id: changeId }, lock: { mode: 'pessimistic_write' } });
    if (!c) throw errors.notFound('CreditLinkChange', changeId);
    requireMayAcknowledge(identity, c);
    if (c.acknowledgedAt) return c;
    c.acknowledgedAt = new Date();
    c.acknowledgedBy = identity.sub;
    await m.update(
      CreditLinkChangeEntity,
      { id: c.id },
      { acknowledgedAt: c.acknowledgedAt, acknowledgedBy: c.acknowledgedBy },
    );
    await emit(
      'credit.partner.acknowledged',
      {
        changeId: c.id,
        department: c.department as PartnerDepartment,
        partyId: c.partyId,
        acknowledgedAt: c.acknowledgedAt.toISOString(),
        acknowledgedBy: identity.sub,
      },
      { key: c.partyId },
    );
    return c;
  });
}
