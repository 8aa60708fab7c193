import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import type { EventEnvelope } from '@zhiyuan/events';
import { errors } from '@zhiyuan/server';
import { addMonths, isoDay } from '../domain/calendar';
import { classify, type Classification, type ProfileInputs } from '../domain/capacity-profile';
import { ageOn } from '../domain/identity-numbers';
import { CreditProfileEntity, PartyEntity } from '../entities';

export async function currentProfile(manager: EntityManager, partyId: string): Promise<CreditProfileEntity | null> {
  return manager.findOne(CreditProfileEntity, { where: { partyId }, order: { seq: 'DESC' } });
}

/** Gathers the inputs of the capacity profile from the party, the case projection and the recorded inputs. */
export async function profileInputs(manager: EntityManager, party: PartyEntity, now: Date): Promise<ProfileInputs> {
  const [agg] = await manager.query(
    `SELECT
       (SELECT coalesce(sum(coalesce(outstanding_fen, amount_owed_fen, 0)), 0) FROM people.case_projection WHERE obligor_ids @> ARRAY[$1::uuid] AND closed_at IS NULL)::bigint AS outstanding,
       (SELECT count(*) FROM people.profile_input WHERE party_id = $1 AND kind = 'PAYMENT')::int AS payments,
       (SELECT count(*) FROM people.profile_input WHERE party_id = $1 AND kind = 'MISSED_INSTALMENT')::int AS missed,
       (SELECT data FROM people.profile_input WHERE party_id = $1 AND kind = 'PROPERTY_DECLARATION' ORDER BY recorded_at DESC LIMIT 1) AS declaration,
       (SELECT data FROM people.profile_input WHERE party_id = $1 AND kind = 'WHEREABOUTS_FEEDBACK' ORDER BY recorded_at DESC LIMIT 1) AS whereabouts`,
    [party.id],
  );
  return {
    age: party.birthDate ? ageOn(party.birthDate, now) : null,
    disability: party.disability,
    seriousIllness: party.seriousIllness,
    lowIncome: party.lowIncome,
    outstandingFen: Number(agg.outstanding),
    paymentsCount: agg.payments,
    missedInstalments: agg.missed,
    declaration: agg.declaration ? { monthlyIncomeFen: agg.declaration.monthlyIncomeFen ?? null, assetsValueFen: agg.declaration.assetsValueFen ?? null, dependants: agg.declaration.dependants ?? null } : null,
    whereabouts: agg.whereabouts ? { found: agg.whereabouts.found ?? null, assetsSeen: agg.whereabouts.assetsSeen ?? [] } : null,
  };
}

/**
 * Re-classifies an obligor after an input changed. A new row (history) and credit.profile.classified
 * only when the classification or its reasons changed. An override stands until the next input change.
 */
export async function reclassify(manager: EntityManager, emit: Emit, partyId: string, now: Date, cause?: Pick<EventEnvelope, 'id' | 'correlationId'>): Promise<CreditProfileEntity | null> {
  // The party's row lock serializes reclassifications of one obligor (events of two of its cases may
  // be handled at once): the later one reads the inputs the earlier one committed.
  const party = await manager.findOne(PartyEntity, { where: { id: partyId }, lock: { mode: 'pessimistic_write' } });
  if (!party) return null;
  const outcome = classify(await profileInputs(manager, party, now), now);
  const current = await currentProfile(manager, partyId);
  if (current && !current.overridden && current.classification === outcome.classification && current.reasonCodes.join() === outcome.reasonCodes.join()) return current;
  return saveProfile(manager, emit, { partyId, ...outcome, overridden: false, overrideReason: null, classifiedBy: 'system' }, now, cause);
}

async function saveProfile(
  manager: EntityManager,
  emit: Emit,
  p: { partyId: string; classification: Classification; reasonCodes: string[]; graceUntil: string | null; overridden: boolean; overrideReason: string | null; classifiedBy: string },
  now: Date,
  cause?: Pick<EventEnvelope, 'id' | 'correlationId'>,
): Promise<CreditProfileEntity> {
  const row = manager.create(CreditProfileEntity, { id: randomUUID(), ...p, classifiedAt: now });
  await manager.insert(CreditProfileEntity, row);
  await emit(
    'credit.profile.classified',
    { partyId: p.partyId, profileId: row.id, classification: p.classification, reasonCodes: p.reasonCodes, graceUntil: p.graceUntil, overridden: p.overridden, classifiedAt: now.toISOString() },
    { key: p.partyId, cause },
  );
  return (await manager.findOneByOrFail(CreditProfileEntity, { id: row.id }));
}

export async function overrideProfile(
  manager: EntityManager,
  emit: Emit,
  partyId: string,
  input: { classification: Classification; reason: string; graceMonths?: number | null },
  by: string,
  now = new Date(),
): Promise<CreditProfileEntity> {
  const party = await manager.findOneBy(PartyEntity, { id: partyId });
  if (!party) throw errors.notFound('Party', partyId);
  let graceUntil: string | null = null;
  if (input.classification === 'HONEST_IN_DIFFICULTY') {
    const m = input.graceMonths;
    if (!m || m < 1 || m > 3) throw errors.validation('graceMonths', 'A grace period is 1 to 3 months');
    graceUntil = isoDay(addMonths(now, m));
  } else if (input.graceMonths) {
    throw errors.validation('graceMonths', 'Only HONEST_IN_DIFFICULTY has a grace period');
  }
  const reasonCodes = ['COURT_OVERRIDE', ...(graceUntil ? [`GRACE_${input.graceMonths}_MONTHS`] : [])];
  return saveProfile(manager, emit, { partyId, classification: input.classification, reasonCodes, graceUntil, overridden: true, overrideReason: input.reason, classifiedBy: by }, now);
}
