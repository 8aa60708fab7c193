import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Timeline entries become structured data, rendered in the reader's language when read: `detail`
 * becomes `parameters` (everything a summary is made from: amounts in fen, ids, dates, codes) and
 * `summary`, the English sentence written at the time, becomes `legacy_summary`, kept only for the rows
 * whose parameters cannot be completed from it. `division_name` holds the names of divisions, learnt
 * from the people events that carry them, for the texts that name a village or township.
 *
 * Existing rows: the parameters an old entry lacks (amounts and dates that were only in its sentence)
 * are parsed from the sentence; a row whose sentence does not have the expected shape keeps it in
 * `legacy_summary` and is shown with it. New rows have no summary.
 */
export class StructureTimelineEntries1797100000000 implements MigrationInterface {
  name = 'StructureTimelineEntries1797100000000';

  async up(qr: QueryRunner): Promise<void> {
    // Names of divisions for the texts, from the people events that carry them (people-credit owns divisions).
    await qr.query(
      `CREATE TABLE cases.division_name (
         code text PRIMARY KEY,
         name text NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await qr.query(`ALTER TABLE cases.case_timeline RENAME COLUMN detail TO parameters`);
    await qr.query(`ALTER TABLE cases.case_timeline RENAME COLUMN summary TO legacy_summary`);
    await qr.query(`ALTER TABLE cases.case_timeline ALTER COLUMN legacy_summary DROP NOT NULL`);
    // Kinds whose sentence said nothing the detail did not hold already.
    await qr.query(
      `UPDATE cases.case_timeline SET legacy_summary = NULL
        WHERE kind IN ('URGING_STARTED', 'URGING_ENDED', 'ENFORCEMENT_FILED', 'OFFICER_ASSIGNED', 'REROUTED',
                       'STATE_CHANGED', 'REOPENED', 'SETTLEMENT_BROKEN', 'SETTLEMENT_REFUSED', 'CLOSED')`,
    );
    await qr.query(
      `UPDATE cases.case_timeline t
          SET parameters = t.parameters || jsonb_build_object('caseNumber', m[1], 'amountOwedFen', m[2]::bigint),
              legacy_summary = NULL
         FROM (SELECT seq, regexp_match(legacy_summary, '^Judgment (.+) effective, (\\d+) fen owed$') AS m
                 FROM cases.case_timeline WHERE kind = 'JUDGMENT_EFFECTIVE') p
        WHERE t.seq = p.seq AND p.m IS NOT NULL`,
    );
    await qr.query(
      `UPDATE cases.case_timeline t
          SET parameters = t.parameters || jsonb_build_object('outstandingAfterFen', m[1]::bigint), legacy_summary = NULL
         FROM (SELECT seq, regexp_match(legacy_summary, '^Paid \\d+ fen \\(\\w+\\), (\\d+) fen outstanding$') AS m
                 FROM cases.case_timeline WHERE kind = 'PAYMENT_RECORDED') p
        WHERE t.seq = p.seq AND p.m IS NOT NULL`,
    );
    await qr.query(
      `UPDATE cases.case_timeline t
          SET parameters = t.parameters || jsonb_build_object('paidOn', m[1], 'outstandingAfterFen', m[2]::bigint),
              legacy_summary = NULL
         FROM (SELECT seq, regexp_match(legacy_summary,
                      '^Payment of \\d+ fen on (\\d{4}-\\d{2}-\\d{2}) reversed \\(.*\\), (\\d+) fen outstanding$') AS m
                 FROM cases.case_timeline WHERE kind = 'PAYMENT_REVERSED') p
        WHERE t.seq = p.seq AND p.m IS NOT NULL`,
    );
    await qr.query(
      `UPDATE cases.case_timeline t
          SET parameters = t.parameters || jsonb_build_object('amountFen', m[1]::bigint), legacy_summary = NULL
         FROM (SELECT seq, regexp_match(legacy_summary, '^Meeting payment of (\\d+) fen not recorded') AS m
                 FROM cases.case_timeline WHERE kind = 'PAYMENT_REFUSED') p
        WHERE t.seq = p.seq AND p.m IS NOT NULL`,
    );
    await qr.query(
      `UPDATE cases.case_timeline t
          SET parameters = t.parameters || jsonb_build_object('dueDate', m[1], 'unpaidFen', m[2]::bigint), legacy_summary = NULL
         FROM (SELECT seq, regexp_match(legacy_summary, '^Instalment \\d+ due (\\d{4}-\\d{2}-\\d{2}) missed, (\\d+) fen unpaid$') AS m
                 FROM cases.case_timeline WHERE kind = 'INSTALMENT_MISSED') p
        WHERE t.seq = p.seq AND p.m IS NOT NULL`,
    );
    await qr.query(
      `UPDATE cases.case_timeline t
          SET parameters = t.parameters
                || jsonb_build_object('settlementKind', CASE m[1] WHEN 'Settlement' THEN 'SETTLEMENT' ELSE 'INSTALMENT_PLAN' END,
                                      'instalments', m[2]::int)
                || CASE WHEN m[3] IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('urgingDeadline', m[3]) END,
              legacy_summary = NULL
         FROM (SELECT seq, regexp_match(legacy_summary,
                      '^(Settlement|Instalment plan) of \\d+ fen in (\\d+) instalment\\(s\\)(?:, agreed on \\S+)?(?:, during urging \\(deadline (\\d{4}-\\d{2}-\\d{2})\\))?$') AS m
                 FROM cases.case_timeline WHERE kind = 'SETTLEMENT_AGREED') p
        WHERE t.seq = p.seq AND p.m IS NOT NULL`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    // The sentences of the rows converted are gone; they get their kind, so the column can be NOT NULL again.
    await qr.query(`UPDATE cases.case_timeline SET legacy_summary = kind WHERE legacy_summary IS NULL`);
    await qr.query(`ALTER TABLE cases.case_timeline ALTER COLUMN legacy_summary SET NOT NULL`);
    await qr.query(`ALTER TABLE cases.case_timeline RENAME COLUMN legacy_summary TO summary`);
    await qr.query(`ALTER TABLE cases.case_timeline RENAME COLUMN parameters TO detail`);
    await qr.query(`DROP TABLE cases.division_name`);
  }
}
