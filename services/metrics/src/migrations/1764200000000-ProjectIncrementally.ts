import type { MigrationInterface, QueryRunner } from 'typeorm';

const FACT_INDEXES: [string, string][] = [
  ...[
    'effective_date',
    'closed_on',
    'urging_started_on',
    'urging_ended_on',
    'county_code',
    'township_code',
    'village_code',
  ].map((c): [string, string] => [`case_fact_${c}_idx`, `metrics.case_fact (${c})`]),
  ['case_fact_judge_closed_idx', 'metrics.case_fact (judge_id, closed_on)'],
  [
    'case_fact_open_home_idx',
    'metrics.case_fact ((COALESCE(village_code, township_code, county_code))) WHERE closed_at IS NULL',
  ],
  [
    'case_fact_reopened_home_idx',
    'metrics.case_fact ((COALESCE(village_code, township_code, county_code))) WHERE reopened_at IS NOT NULL',
  ],
  ['payment_fact_paid_on_idx', 'metrics.payment_fact (paid_on)'],
  ...['created_on', 'completed_on', 'overdue_on', 'county_code', 'township_code', 'village_code'].map(
    (c): [string, string] => [`task_fact_${c}_idx`, `metrics.task_fact (${c})`],
  ),
  ['task_fact_open_idx', 'metrics.task_fact (division_code) WHERE completed_at IS NULL'],
  ['meeting_fact_held_on_idx', 'metrics.meeting_fact (held_on)'],
  ...['listed_on', 'removed_on', 'county_code', 'township_code', 'village_code'].map((c): [string, string] => [
    `listing_fact_${c}_idx`,
    `metrics.listing_fact (${c})`,
  ]),
  [
    'listing_fact_active_home_idx',
    'metrics.listing_fact ((COALESCE(village_code, township_code, county_code))) WHERE removed_at IS NULL',
  ],
];

/**
 * The read models are kept by adding each fact change's difference instead of recomputing keys
 * from the facts:
 * - reference counts of open cases per home division and obligor, and of active listings per home
 *   division and party, so the distinct obligor counts of the snapshot can be kept incrementally
 *   (filled here from the facts);
 * - judge_score.weighted unrounded, so a sum of increments equals a sum recomputed (rounded when read);
 * - the fact indexes that served only the per-key recompute are dropped (facts are read by id, by
 *   case for listings and payments, and in full by a rebuild), which makes every fact write cheaper.
 */
export class ProjectIncrementally1764200000000 implements MigrationInterface {
  name = 'ProjectIncrementally1764200000000';

  async up(qr: QueryRunner): Promise<void> {
    for (const t of ['division_open_obligor', 'division_listed_party'])
      await qr.query(
        `CREATE TABLE metrics.${t} (division_code text NOT NULL, party_id uuid NOT NULL, n int NOT NULL, PRIMARY KEY (division_code, party_id))`,
      );
    await qr.query(
      `INSERT INTO metrics.division_open_obligor (division_code, party_id, n)
       SELECT COALESCE(c.village_code, c.township_code, c.county_code), o, count(DISTINCT c.case_id)
       FROM metrics.case_fact c CROSS JOIN LATERAL unnest(c.obligor_ids) AS o
       WHERE (c.closed_at IS NULL OR c.reopened_at > c.closed_at) AND COALESCE(c.village_code, c.township_code, c.county_code) IS NOT NULL
       GROUP BY 1, 2`,
    );
    await qr.query(
      `INSERT INTO metrics.division_listed_party (division_code, party_id, n)
       SELECT COALESCE(l.village_code, l.township_code, l.county_code), l.party_id, count(*) FROM metrics.listing_fact l
       WHERE l.removed_at IS NULL AND l.listed_at IS NOT NULL AND COALESCE(l.village_code, l.township_code, l.county_code) IS NOT NULL
       GROUP BY 1, 2`,
    );
    await qr.query(`ALTER TABLE metrics.judge_score ALTER COLUMN weighted TYPE numeric`);
    for (const [name] of FACT_INDEXES) await qr.query(`DROP INDEX IF EXISTS metrics.${name}`);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const [name, on] of FACT_INDEXES) await qr.query(`CREATE INDEX IF NOT EXISTS ${name} ON ${on}`);
    await qr.query(`ALTER TABLE metrics.judge_score ALTER COLUMN weighted TYPE numeric(14, 2)`);
    for (const t of ['division_open_obligor', 'division_listed_party']) await qr.query(`DROP TABLE metrics.${t}`);
  }
}
