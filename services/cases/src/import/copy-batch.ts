import { once } from 'node:events';
import type { DataSource } from 'typeorm';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { contractFor, createEvent, subjectFor, type EventEnvelope } from '@zhiyuan/events';
import { writeOutboxBatch } from '@zhiyuan/db';
import { commandAuditPayload } from '@zhiyuan/server';
import type { CaseSettings } from '../config';
import { addDays, courtDate } from '@zhiyuan/kernel';
import { PRODUCER } from '../commands/shared/intake';
import { INTAKE_ROUTING_LOCK_SQL } from '../commands/shared/routing';
import type { JudgmentInput } from '../domain/judgment-input';
import { causeByCode } from '../domain/causes';

/**
 * Judgments of one import batch as PostgreSQL COPY text (one line per judgment), written straight into
 * a buffer: the rows travel to the server in the cheapest form there is, and no per-row object outlives
 * its validation (a batch waiting for the database would otherwise keep thousands of small strings
 * alive into the old generation, and the collector would spend more than the parser).
 */
export class JudgmentCopyBatch {
  private buf = Buffer.allocUnsafe(256 * 1024);
  private used = 0;
  private rows = 0;

  get size(): number {
    return this.rows;
  }

  add(j: JudgmentInput): void {
    const line = `${copyText(j.caseNumber)}\t${copyText(j.court)}\t${j.causeCode}\t${causeByCode(j.causeCode)!.category}\t${j.judgeId ?? '\\N'}\t${j.effectiveDate}\t${j.performanceDeadline ?? '\\N'}\t{${j.obligorIds.join(',')}}\t{${j.obligeeIds.join(',')}}\t${j.principalFen}\t${j.interestFen}\t${j.costsFen}\n`;
    const need = Buffer.byteLength(line);
    if (this.used + need > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + need));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    this.used += this.buf.write(line, this.used);
    this.rows++;
  }

  /** Hands the batch over (COPY text and its row count) and starts an empty one. */
  take(): { text: Buffer; rows: number } {
    const batch = { text: this.buf.subarray(0, this.used), rows: this.rows };
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.used = 0;
    this.rows = 0;
    return batch;
  }
}

/** COPY text escaping: backslash, tab and line breaks are the format's own characters. */
function copyText(s: string): string {
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;
}

const STAGE_COLUMNS =
  'case_number, court, cause_code, cause_category, judge_id, effective_date, performance_deadline, obligor_ids, obligee_ids, principal_fen, interest_fen, costs_fen';

// Emptied at every commit, so a pooled connection never carries one batch into the next.
const CREATE_STAGE = `CREATE TEMP TABLE IF NOT EXISTS cases_import_judgment (
    case_number text NOT NULL, court text NOT NULL, cause_code text NOT NULL, cause_category text NOT NULL, judge_id uuid,
    effective_date date NOT NULL, performance_deadline date, obligor_ids uuid[] NOT NULL, obligee_ids uuid[] NOT NULL,
    principal_fen bigint NOT NULL, interest_fen bigint NOT NULL, costs_fen bigint NOT NULL
  ) ON COMMIT DELETE ROWS`;

/**
 * From the staged batch, in one statement: the case rows (routed through the party projection; a case
 * number already taken in is skipped), then for each case taken in its timeline entries and its events
 * in the outbox, the envelopes built by PostgreSQL (the same envelope `createEvent` makes: a fresh id,
 * correlation = id, no causation, key = case id; ids time-ordered, see above). Rows go in case-number order, so concurrent batches
 * cannot deadlock on a repeated number, and each case's events keep their order (judgment effective,
 * then urging started).
 */
/**
 * A UUID whose first 48 bits are the current Unix time in milliseconds (the UUID version 7 layout; the
 * other bits random). Imported cases and their events get these ids, so the primary keys, the outbox's
 * id index and the timeline's (case_id, seq) index grow at their right edge instead of touching a
 * random page of an ever larger index for every row.
 */
const TIME_ORDERED_ID = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid`;

const INTAKE_FROM_STAGE = `
WITH ins AS (
  INSERT INTO cases."case" (id, case_number, court, cause_code, cause_category, judge_id, effective_date, performance_deadline,
      obligor_ids, obligee_ids, principal_fen, interest_fen, costs_fen, amount_owed_fen, state, village_code, township_code,
      urged, urging_started_at, urging_deadline, created_at, updated_at)
  SELECT ${TIME_ORDERED_ID}, s.case_number, s.court, s.cause_code, s.cause_category, s.judge_id, s.effective_date, s.performance_deadline,
      s.obligor_ids, s.obligee_ids, s.principal_fen, s.interest_fen, s.costs_fen, s.principal_fen + s.interest_fen + s.costs_fen,
      $1, r.village_code, r.township_code, $2, CASE WHEN $2 THEN $3::timestamptz END, $4::date, $3, $3
    FROM pg_temp.cases_import_judgment s
    LEFT JOIN cases.party_route r ON r.party_id = s.obligor_ids[1]
   ORDER BY s.case_number
  ON CONFLICT DO NOTHING
  RETURNING id, case_number, court, cause_code, cause_category, judge_id, effective_date, performance_deadline,
      obligor_ids, obligee_ids, amount_owed_fen, village_code, township_code
), ev AS MATERIALIZED (
  SELECT i.*, k.n, ${TIME_ORDERED_ID} AS event_id
    FROM ins i CROSS JOIN generate_series(1, CASE WHEN $2 THEN 2 ELSE 1 END) AS k(n)
), tl AS (
  INSERT INTO cases.case_timeline (case_id, kind, actor, at, parameters)
  SELECT id,
         CASE n WHEN 1 THEN 'JUDGMENT_EFFECTIVE' ELSE 'URGING_STARTED' END,
         $5, $3,
         CASE n WHEN 1 THEN jsonb_build_object('caseNumber', case_number, 'amountOwedFen', amount_owed_fen,
                              'routing', jsonb_build_object('villageCode', village_code, 'townshipCode', township_code))
                ELSE jsonb_build_object('deadline', $4::text) END
    FROM ev ORDER BY case_number, n
), ob AS (
  INSERT INTO cases.outbox_message (id, subject, type, key, envelope)
  SELECT event_id, t.type, t.type, id::text,
         jsonb_build_object('id', event_id, 'type', t.type, 'version', t.version, 'occurredAt', $6::text, 'producer', $7::text,
           'correlationId', event_id, 'causationId', NULL, 'key', id::text,
           'payload', CASE n
             WHEN 1 THEN jsonb_build_object('caseId', id, 'caseNumber', case_number, 'court', court, 'causeCode', cause_code,
               'causeCategory', cause_category, 'judgeId', judge_id, 'effectiveDate', effective_date, 'performanceDeadline', performance_deadline,
               'obligorIds', obligor_ids, 'obligeeIds', obligee_ids, 'amountOwedFen', amount_owed_fen,
               'villageCode', village_code, 'townshipCode', township_code)
             ELSE jsonb_build_object('caseId', id, 'caseNumber', case_number, 'court', court, 'judgeId', judge_id,
               'obligorIds', obligor_ids, 'obligeeIds', obligee_ids, 'amountOwedFen', amount_owed_fen, 'deadline', $4::text,
               'startedAt', $6::text, 'villageCode', village_code, 'townshipCode', township_code)
           END)
    FROM ev JOIN (VALUES (1, $8::text, $9::int), (2, $10::text, $11::int)) AS t(n, type, version) USING (n)
   ORDER BY case_number, n
)
SELECT count(*)::int AS imported FROM ins`;

const EFFECTIVE = 'cases.judgment.effective';
const URGING = 'cases.urging.started';

function versionOf(type: string): number {
  const c = contractFor(type);
  if (!c) throw new Error(`unknown event type ${type}`);
  return c.version;
}

export interface BatchOptions {
  urgingMode: CaseSettings['urgingMode'];
  urgingDays: number;
  actor: string;
  now: Date;
  /** What the batch's audit entry says besides its counts (the file, its digest, the batch's number). */
  audit?: Record<string, unknown>;
}

/** The audit entry of a command's work, for the outbox of the transaction that does it. */
export function importAuditEvent(actor: string, detail: Record<string, unknown>, now: Date) {
  const payload = commandAuditPayload({
    actor,
    service: PRODUCER,
    operation: IMPORT_OPERATION,
    targetKind: 'FILE',
    targetId: typeof detail.sha256 === 'string' ? detail.sha256 : null,
    detail,
    at: now,
  });
  const event = createEvent('audit.entry.recorded', payload, { producer: PRODUCER, key: actor, occurredAt: now });
  return { subject: subjectFor('audit.entry.recorded', payload), event: event as EventEnvelope };
}

export const IMPORT_OPERATION = 'import:judgments';

/**
 * Takes in one batch of validated judgments in one transaction: COPY into a session-temporary staging
 * table, then one statement for cases, timeline and outbox. Returns how many were taken in (the rest
 * were already there).
 */
export async function writeJudgmentBatch(
  ds: DataSource,
  batch: { text: Buffer; rows: number },
  opts: BatchOptions,
): Promise<number> {
  if (batch.rows === 0) return 0;
  const urge = opts.urgingMode === 'AUTO';
  const deadline = urge ? addDays(courtDate(opts.now), opts.urgingDays) : null;
  const qr = ds.createQueryRunner();
  try {
    const client = (await qr.connect()) as ClientBase;
    await qr.startTransaction();
    try {
      // The batch's sorts (by case number, then by event) stay in memory. The commit waits for its WAL
      // flush like any other: the relay may publish a batch's events as soon as it is visible, so a
      // batch lost in a database crash after that would leave events about cases that do not exist.
      await client.query(`SET LOCAL work_mem = '64MB'`);
      await client.query(CREATE_STAGE);
      const copy = client.query(copyFrom(`COPY pg_temp.cases_import_judgment (${STAGE_COLUMNS}) FROM STDIN`));
      const done = once(copy, 'finish');
      copy.end(batch.text);
      await done;
      await client.query(INTAKE_ROUTING_LOCK_SQL);
      const [{ imported }] = // Named, so each connection parses it once and PostgreSQL may keep its plan (planning this
        // statement costs about as much as taking in a few dozen rows).
        (
          await client.query<{ imported: number }>({
            name: 'cases-import-intake-from-stage',
            text: INTAKE_FROM_STAGE,
            values: [
              urge ? 'URGING' : 'EFFECTIVE',
              urge,
              opts.now,
              deadline,
              opts.actor,
              opts.now.toISOString(),
              PRODUCER,
              EFFECTIVE,
              versionOf(EFFECTIVE),
              URGING,
              versionOf(URGING),
            ],
          })
        ).rows as [{ imported: number }];
      // Who took in what, in the batch's own transaction: the entry commits with the cases or not at all.
      if (opts.audit)
        await writeOutboxBatch(qr.manager, 'cases', [
          importAuditEvent(
            opts.actor,
            { ...opts.audit, rows: batch.rows, imported, skipped: batch.rows - imported },
            opts.now,
          ),
        ]);
      await qr.commitTransaction();
      return imported;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    }
  } finally {
    await qr.release();
  }
}
