import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { sqlExec, type Emit, type TransactionScope } from '@zhiyuan/db';
import type { EventEnvelope } from '@zhiyuan/events';
import { classify, courtGraceRunning, type Classification } from '../../domain/capacity-profile';
import { CreditProfileEntity, PartyEntity } from '../../entities';
import { currentProfile, profileInputs } from '../../queries/profiles';

type Cause = Pick<EventEnvelope, 'id' | 'correlationId'>;

/**
 * Re-classifies an obligor after an input changed. A new row (history) and credit.profile.classified
 * only when the classification or its reasons changed. An override stands until the next input change,
 * except a grace period the court granted, which stands until it ends (nothing is published during it).
 */
export async function reclassify(
  manager: EntityManager,
  emit: Emit,
  partyId: string,
  now: Date,
  cause?: Cause,
): Promise<CreditProfileEntity | null> {
  // The party's row lock serializes reclassifications of one obligor (events of two of its cases may
  // be handled at once): the later one reads the inputs the earlier one committed.
  const party = await manager.findOne(PartyEntity, { where: { id: partyId }, lock: { mode: 'pessimistic_write' } });
  if (!party) return null;
  const current = await currentProfile(manager, partyId);
  if (courtGraceRunning(current, now)) return current;
  const outcome = classify(await profileInputs(manager, party, now), now);
  if (
    current &&
    !current.overridden &&
    current.classification === outcome.classification &&
    current.reasonCodes.join() === outcome.reasonCodes.join()
  )
    return current;
  return saveProfile(
    manager,
    emit,
    { partyId, ...outcome, overridden: false, overrideReason: null, classifiedBy: 'system' },
    now,
    cause,
  );
}

export interface ProfileRecord {
  partyId: string;
  classification: Classification;
  reasonCodes: string[];
  graceUntil: string | null;
  overridden: boolean;
  overrideReason: string | null;
  classifiedBy: string;
}

/** Adds a classification to the party's history and emits credit.profile.classified. */
export async function saveProfile(
  manager: EntityManager,
  emit: Emit,
  p: ProfileRecord,
  now: Date,
  cause?: Cause,
): Promise<CreditProfileEntity> {
  const row = manager.create(CreditProfileEntity, { id: randomUUID(), ...p, classifiedAt: now });
  await manager.insert(CreditProfileEntity, row);
  await emit(
    'credit.profile.classified',
    {
      partyId: p.partyId,
      profileId: row.id,
      classification: p.classification,
      reasonCodes: p.reasonCodes,
      graceUntil: p.graceUntil,
      overridden: p.overridden,
      classifiedAt: now.toISOString(),
    },
    { key: p.partyId, cause },
  );
  // The insert returned the generated columns (seq, defaults) into the row: no read-back.
  return row;
}

/**
 * Re-classifies the parties once each when the transaction's events are all applied: the events of
 * one payment (the performance and the case's close) arrive together, and each would otherwise read
 * the party, its profile and its inputs again. The latest time and cause of the batch are used.
 */
export function reclassifyAtEnd(scope: TransactionScope, partyIds: string[], now: Date, cause: Cause): void {
  for (const partyId of partyIds) {
    const pending = scope.shared(
      `people-credit.reclassify.${partyId}`,
      () => ({ now, cause }),
      (state, manager, emit) => reclassify(manager, emit, partyId, state.now, state.cause).then(() => undefined),
    );
    if (now >= pending.now) {
      pending.now = now;
      pending.cause = cause;
    }
  }
}

export type ProfileInputKind = 'PAYMENT' | 'MISSED_INSTALMENT' | 'PROPERTY_DECLARATION' | 'WHEREABOUTS_FEEDBACK';

/** Records one input of a party's capacity profile (a payment, a missed instalment, a form). */
export async function recordProfileInput(
  manager: EntityManager,
  input: { partyId: string; kind: ProfileInputKind; caseId: string | null; data: unknown; recordedAt: Date },
): Promise<void> {
  await sqlExec(
    manager,
    `INSERT INTO people.profile_input (id, party_id, kind, case_id, data, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [randomUUID(), input.partyId, input.kind, input.caseId, JSON.stringify(input.data), input.recordedAt],
  );
}

/**
 * Records a payment as an input of its obligors' capacity profiles, once per obligor and payment: a
 * payment whose reversal was handled first is already there, marked reversed, and stays so.
 */
export async function recordPaymentInputs(
  manager: EntityManager,
  p: {
    caseId: string;
    partyIds: string[];
    performanceId: string;
    amountFen: number;
    source: string;
    outstandingFen: number;
    recordedAt: Date;
  },
): Promise<void> {
  if (!p.partyIds.length) return;
  await sqlExec(
    manager,
    `INSERT INTO people.profile_input (id, party_id, kind, case_id, data, recorded_at)
     SELECT gen_random_uuid(), party, 'PAYMENT', $2, $3::jsonb, $4 FROM unnest($1::uuid[]) AS party
      WHERE NOT EXISTS (SELECT 1 FROM people.profile_input i
                         WHERE i.party_id = party AND i.kind = 'PAYMENT' AND i.case_id = $2 AND i.data->>'performanceId' = $5)`,
    [
      p.partyIds,
      p.caseId,
      JSON.stringify({
        performanceId: p.performanceId,
        amountFen: p.amountFen,
        source: p.source,
        outstandingFen: p.outstandingFen,
      }),
      p.recordedAt,
      p.performanceId,
    ],
  );
}

/**
 * Marks a reversed payment's inputs reversed. A payment recorded before inputs named their payment is
 * found by its time and amount, once per obligor; an obligor whose payment input is not there yet (the
 * reversal handled before the payment) gets it now, already reversed, so the payment never counts.
 */
export async function reversePaymentInputs(
  manager: EntityManager,
  r: {
    caseId: string;
    partyIds: string[];
    performanceId: string;
    amountFen: number;
    source: string;
    recordedAt: Date;
    reversedAt: string;
    reversalId: string;
  },
): Promise<void> {
  if (!r.partyIds.length) return;
  const reversal = { performanceId: r.performanceId, reversedAt: r.reversedAt, reversalId: r.reversalId };
  await sqlExec(
    manager,
    `WITH marked AS (
       UPDATE people.profile_input i SET data = i.data || $6::jsonb
        WHERE i.id IN (SELECT DISTINCT ON (party_id) id FROM people.profile_input
                        WHERE kind = 'PAYMENT' AND case_id = $1 AND party_id = ANY($2::uuid[]) AND NOT data ? 'reversedAt'
                          AND (data->>'performanceId' = $3
                               OR (NOT data ? 'performanceId' AND recorded_at = $4 AND (data->>'amountFen')::bigint = $5))
                        ORDER BY party_id, (data->>'performanceId' = $3) DESC, id)
        RETURNING i.party_id)
     INSERT INTO people.profile_input (id, party_id, kind, case_id, data, recorded_at)
     SELECT gen_random_uuid(), party, 'PAYMENT', $1, $7::jsonb, $4 FROM unnest($2::uuid[]) AS party
      WHERE party NOT IN (SELECT party_id FROM marked)
        AND NOT EXISTS (SELECT 1 FROM people.profile_input i
                         WHERE i.party_id = party AND i.kind = 'PAYMENT' AND i.case_id = $1 AND i.data->>'performanceId' = $3)`,
    [
      r.caseId,
      r.partyIds,
      r.performanceId,
      r.recordedAt,
      r.amountFen,
      JSON.stringify(reversal),
      JSON.stringify({ amountFen: r.amountFen, source: r.source, ...reversal }),
    ],
  );
}
