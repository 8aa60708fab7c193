import { z } from 'zod';
import { CREDIT_CLASSIFICATIONS } from '@zhiyuan/events';
import { noteAuditChanges } from '@zhiyuan/db';
import { auditChanges, errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { courtOverride } from '../domain/capacity-profile';
import { PartyEntity, type CreditProfileEntity } from '../entities';
import { requireMayOverrideProfile, requireMayOverrideProfileOf } from '../policy';
import { casesOfPartyIn } from '../queries/parties';
import { currentProfile } from '../queries/profiles';
import type { CommandContext } from './shared/command-context';
import { uuid } from './shared/fields';
import { saveProfile } from './shared/profiles';

const overrideInput = z.object({
  classification: z.enum(CREDIT_CLASSIFICATIONS),
  reason: z.string().trim().min(1, 'an override needs a reason').max(500),
  graceMonths: z
    .number()
    .int()
    .min(1, 'a grace period is 1 to 3 months')
    .max(3, 'a grace period is 1 to 3 months')
    .nullish(),
});

/** The judge of one of the party's cases overrides its capacity profile with a reason; the override stands until the next input arrives. */
export async function overrideCreditProfile(
  ctx: CommandContext,
  rawPartyId: unknown,
  raw: unknown,
): Promise<CreditProfileEntity> {
  requireMayOverrideProfile(ctx.identity);
  const partyId = parseInput(uuid, rawPartyId);
  const input = parseInput(overrideInput, raw);
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const now = new Date();
    const party = await m.findOneBy(PartyEntity, { id: partyId });
    if (!party) throw errors.notFound('Party', partyId);
    await requireMayOverrideProfileOf(ctx.identity, party, casesOfPartyIn(m));
    const { reasonCodes, graceUntil } = courtOverride(input.classification, input.graceMonths, now);
    const current = await currentProfile(m, partyId);
    const saved = await saveProfile(
      m,
      emit,
      {
        partyId,
        classification: input.classification,
        reasonCodes,
        graceUntil,
        overridden: true,
        overrideReason: input.reason,
        classifiedBy: ctx.identity.sub,
      },
      now,
    );
    const FIELDS = ['classification', 'reasonCodes', 'graceUntil', 'overridden', 'overrideReason'];
    noteAuditChanges(
      auditChanges(
        (current ?? { overridden: false }) as unknown as Record<string, unknown>,
        saved as unknown as Record<string, unknown>,
        FIELDS,
      ),
    );
    return saved;
  });
}
