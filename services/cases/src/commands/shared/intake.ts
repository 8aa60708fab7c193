import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { createEvent, subjectFor, type EventEnvelope, type EventPayload, type EventType } from '@zhiyuan/events';
import { sqlRows, writeOutboxBatch } from '@zhiyuan/db';
import { addDays, courtDate } from '@zhiyuan/kernel';
import type { CaseSettings } from '../../config';
import { causeByCode } from '../../domain/causes';
import type { JudgmentInput } from '../../domain/judgment-input';
import { lockRoutingForIntake } from './routing';
import { addTimelineEntries, type TimelineKind } from './timeline';

export const PRODUCER = 'cases';

interface InsertedCaseRow {
  id: string;
  case_number: string;
  village_code: string | null;
  township_code: string | null;
}

export interface IntakeResult {
  inserted: { id: string; caseNumber: string; state: string }[];
  /** Case numbers that were already taken in (or repeated in the same batch): nothing written for them. */
  skipped: string[];
}

export interface IntakeOptions {
  /** Overrides the configured urging mode (the import command may load history without urging). */
  urgingMode?: CaseSettings['urgingMode'];
  /** Causes the events (for a mutation: none; for an event handler: the event). */
  cause?: Pick<EventEnvelope, 'id' | 'correlationId'>;
}

/**
 * Takes in effective judgments in a few statements whatever their number: the case rows (routed
 * through the party projection; unknown parties leave routing null until their event arrives), their
 * timeline entries and their events (judgment effective, and urging started when urging is automatic).
 * Idempotent by case number: a judgment already taken in is skipped, not changed.
 */
export async function intakeJudgments(
  manager: EntityManager,
  rows: JudgmentInput[],
  settings: CaseSettings,
  actor: string,
  now: Date,
  opts: IntakeOptions = {},
): Promise<IntakeResult> {
  if (rows.length === 0) return { inserted: [], skipped: [] };
  const mode = opts.urgingMode ?? settings.urgingMode;
  const urge = mode === 'AUTO';
  const state = urge ? 'URGING' : 'EFFECTIVE';
  const urgingDeadline = urge ? addDays(courtDate(now), settings.urgingDays) : null;
  const ids = rows.map((): string => randomUUID());

  await lockRoutingForIntake(manager);
  const returned = await sqlRows<InsertedCaseRow>(
    manager,
    `INSERT INTO cases."case" (id, case_number, court, cause_code, cause_category, judge_id, effective_date, performance_deadline,
        obligor_ids, obligee_ids, principal_fen, interest_fen, costs_fen, amount_owed_fen, state, village_code, township_code,
        urged, urging_started_at, urging_deadline, created_at, updated_at)
     SELECT u.id, u.num, u.court, u.cause, u.cat, u.judge, u.eff, u.ddl,
        string_to_array(u.obl, ',')::uuid[], string_to_array(u.obe, ',')::uuid[], u.p, u.i, u.c, u.p + u.i + u.c, $14, r.village_code, r.township_code,
        $15, CASE WHEN $15 THEN $16::timestamptz END, $17::date, $16, $16
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::date[], $8::date[], $9::text[], $10::text[], $11::bigint[], $12::bigint[], $13::bigint[])
            AS u(id, num, court, cause, cat, judge, eff, ddl, obl, obe, p, i, c)
       LEFT JOIN cases.party_route r ON r.party_id = split_part(u.obl, ',', 1)::uuid
      ORDER BY u.num -- one global order of inserts, so concurrent batches cannot deadlock on a repeated number
     ON CONFLICT DO NOTHING
     RETURNING id, case_number, village_code, township_code`,
    [
      ids,
      rows.map((r) => r.caseNumber),
      rows.map((r) => r.court),
      rows.map((r) => r.causeCode),
      rows.map((r) => causeByCode(r.causeCode)!.category),
      rows.map((r) => r.judgeId),
      rows.map((r) => r.effectiveDate),
      rows.map((r) => r.performanceDeadline),
      rows.map((r) => r.obligorIds.join(',')),
      rows.map((r) => r.obligeeIds.join(',')),
      rows.map((r) => r.principalFen),
      rows.map((r) => r.interestFen),
      rows.map((r) => r.costsFen),
      state,
      urge,
      now,
      urgingDeadline,
    ],
  );

  const byId = new Map(rows.map((r, i) => [ids[i]!, r]));
  const events: { subject: string; event: EventEnvelope }[] = [];
  const push = <T extends EventType>(type: T, payload: EventPayload<T>, key: string) => {
    events.push({
      subject: subjectFor(type, payload),
      event: createEvent(type, payload, {
        producer: PRODUCER,
        key,
        cause: opts.cause,
        occurredAt: now,
      }) as unknown as EventEnvelope,
    });
  };
  const tl: { caseId: string; kind: TimelineKind; parameters: Record<string, unknown> }[] = [];
  const inserted: IntakeResult['inserted'] = [];
  for (const ret of returned) {
    const r = byId.get(ret.id)!;
    const cause = causeByCode(r.causeCode)!;
    const amountOwedFen = r.principalFen + r.interestFen + r.costsFen;
    const routing = { villageCode: ret.village_code, townshipCode: ret.township_code };
    inserted.push({ id: ret.id, caseNumber: ret.case_number, state });
    push(
      'cases.judgment.effective',
      {
        caseId: ret.id,
        caseNumber: r.caseNumber,
        court: r.court,
        causeCode: r.causeCode,
        causeCategory: cause.category,
        judgeId: r.judgeId,
        effectiveDate: r.effectiveDate,
        performanceDeadline: r.performanceDeadline,
        obligorIds: r.obligorIds,
        obligeeIds: r.obligeeIds,
        amountOwedFen,
        ...routing,
      },
      ret.id,
    );
    tl.push({
      caseId: ret.id,
      kind: 'JUDGMENT_EFFECTIVE',
      parameters: { caseNumber: r.caseNumber, amountOwedFen, routing },
    });
    if (urge) {
      push(
        'cases.urging.started',
        {
          caseId: ret.id,
          caseNumber: r.caseNumber,
          court: r.court,
          judgeId: r.judgeId,
          obligorIds: r.obligorIds,
          obligeeIds: r.obligeeIds,
          amountOwedFen,
          deadline: urgingDeadline!,
          startedAt: now.toISOString(),
          ...routing,
        },
        ret.id,
      );
      tl.push({
        caseId: ret.id,
        kind: 'URGING_STARTED',
        parameters: { deadline: urgingDeadline },
      });
    }
  }
  await addTimelineEntries(manager, tl, actor, now);
  await writeOutboxBatch(manager, 'cases', events);
  const taken = new Set(returned.map((r) => r.id));
  return { inserted, skipped: rows.filter((_r, i) => !taken.has(ids[i]!)).map((r) => r.caseNumber) };
}
