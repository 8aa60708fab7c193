import type { EntityManager } from 'typeorm';
import { sqlRow, type SqlRunner } from '@zhiyuan/db';
import type { ProfileInputs } from '../domain/capacity-profile';
import { ageOn } from '../domain/identity-numbers';
import { CreditProfileEntity, type PartyEntity } from '../entities';

/** The current classification of a party: its latest profile row. */
export function currentProfile(manager: EntityManager, partyId: string): Promise<CreditProfileEntity | null> {
  return manager.findOne(CreditProfileEntity, { where: { partyId }, order: { seq: 'DESC' } });
}

/** The aggregates of the capacity profile's inputs (bigint sums come back as strings). */
interface ProfileInputsRow {
  outstanding: string;
  payments: number;
  missed: number;
  declaration: { monthlyIncomeFen?: number | null; assetsValueFen?: number | null; dependants?: number | null } | null;
  whereabouts: { found?: boolean | null; assetsSeen?: string[] } | null;
}

/** Gathers the inputs of the capacity profile from the party, the case projection and the recorded inputs, in one statement. */
export async function profileInputs(runner: SqlRunner, party: PartyEntity, now: Date): Promise<ProfileInputs> {
  const agg = (await sqlRow<ProfileInputsRow>(
    runner,
    `SELECT
       (SELECT coalesce(sum(coalesce(outstanding_fen, amount_owed_fen, 0)), 0) FROM people.case_projection WHERE obligor_ids @> ARRAY[$1::uuid] AND closed_at IS NULL)::bigint AS outstanding,
       (SELECT count(*) FROM people.profile_input WHERE party_id = $1 AND kind = 'PAYMENT' AND NOT data ? 'reversedAt')::int AS payments,
       (SELECT count(*) FROM people.profile_input WHERE party_id = $1 AND kind = 'MISSED_INSTALMENT')::int AS missed,
       (SELECT data FROM people.profile_input WHERE party_id = $1 AND kind = 'PROPERTY_DECLARATION' ORDER BY recorded_at DESC LIMIT 1) AS declaration,
       (SELECT data FROM people.profile_input WHERE party_id = $1 AND kind = 'WHEREABOUTS_FEEDBACK' ORDER BY recorded_at DESC LIMIT 1) AS whereabouts`,
    [party.id],
  ))!;
  return {
    age: party.birthDate ? ageOn(party.birthDate, now) : null,
    disability: party.disability,
    seriousIllness: party.seriousIllness,
    lowIncome: party.lowIncome,
    outstandingFen: Number(agg.outstanding),
    paymentsCount: agg.payments,
    missedInstalments: agg.missed,
    declaration: agg.declaration
      ? {
          monthlyIncomeFen: agg.declaration.monthlyIncomeFen ?? null,
          assetsValueFen: agg.declaration.assetsValueFen ?? null,
          dependants: agg.declaration.dependants ?? null,
        }
      : null,
    whereabouts: agg.whereabouts
      ? { found: agg.whereabouts.found ?? null, assetsSeen: agg.whereabouts.assetsSeen ?? [] }
      : null,
  };
}
