import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts (one row per case, task, meeting, listing, payment, partner change), pre-aggregated read
 * models (per division and day, per judge and day), rule sets, warnings and judicial suggestions.
 * Every fact and aggregate can be rebuilt from the event history; rules, warnings and suggestions
 * are records of decisions and are never rebuilt.
 */
export class CreateReadModels1764028800000 implements MigrationInterface {
  name = 'CreateReadModels1764028800000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE IF EXISTS metrics.division_stats`);

    // One row per case (judgment and its enforcement case), filled by several events in any order.
    await qr.query(`CREATE TABLE metrics.case_fact (
      case_id uuid PRIMARY KEY,
      case_number text,
      judge_id uuid,
      officer_id uuid,
      county_code text,
      township_code text,
      village_code text,
      cause_code text,
      cause_category text,
      obligor_ids uuid[] NOT NULL DEFAULT '{}',
      amount_owed_fen bigint,
      effective_date date,
      urging_started_on date,
      urging_ended_on date,
      urging_end_reason text,
      enforcement_filed boolean NOT NULL DEFAULT false,
      filed_on date,
      outcome text,
      urged boolean,
      closed_at timestamptz,
      closed_on date,
      days_open int,
      amount_applied_fen bigint,
      amount_recovered_fen bigint,
      rerouted_at timestamptz,
      reopened_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    for (const col of [
      'effective_date',
      'closed_on',
      'urging_started_on',
      'urging_ended_on',
      'county_code',
      'township_code',
      'village_code',
    ])
      await qr.query(`CREATE INDEX case_fact_${col}_idx ON metrics.case_fact (${col})`);
    await qr.query(`CREATE INDEX case_fact_judge_closed_idx ON metrics.case_fact (judge_id, closed_on)`);
    // The current state of a division is summed from the divisions each open case is homed in (its most precise code).
    await qr.query(
      `CREATE INDEX case_fact_open_home_idx ON metrics.case_fact ((COALESCE(village_code, township_code, county_code))) WHERE closed_at IS NULL`,
    );
    await qr.query(
      `CREATE INDEX case_fact_reopened_home_idx ON metrics.case_fact ((COALESCE(village_code, township_code, county_code))) WHERE reopened_at IS NOT NULL`,
    );

    await qr.query(`CREATE TABLE metrics.payment_fact (
      performance_id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      amount_fen bigint NOT NULL,
      source text NOT NULL,
      paid_on date NOT NULL,
      recorded_at timestamptz NOT NULL
    )`);
    await qr.query(`CREATE INDEX payment_fact_case_idx ON metrics.payment_fact (case_id)`);
    await qr.query(`CREATE INDEX payment_fact_paid_on_idx ON metrics.payment_fact (paid_on)`);

    await qr.query(`CREATE TABLE metrics.task_fact (
      task_id uuid PRIMARY KEY,
      case_id uuid,
      type text NOT NULL,
      level text NOT NULL,
      division_code text NOT NULL,
      county_code text,
      township_code text,
      village_code text,
      created_at timestamptz,
      created_on date,
      due_at timestamptz,
      completed_at timestamptz,
      completed_on date,
      completion_status text,
      overdue_at timestamptz,
      overdue_on date
    )`);
    for (const col of ['created_on', 'completed_on', 'overdue_on', 'county_code', 'township_code', 'village_code'])
      await qr.query(`CREATE INDEX task_fact_${col}_idx ON metrics.task_fact (${col})`);
    await qr.query(`CREATE INDEX task_fact_open_idx ON metrics.task_fact (division_code) WHERE completed_at IS NULL`);

    await qr.query(`CREATE TABLE metrics.meeting_fact (
      meeting_id uuid PRIMARY KEY,
      county_code text,
      township_code text,
      village_code text NOT NULL,
      held_at timestamptz NOT NULL,
      held_on date NOT NULL,
      invited int NOT NULL,
      attended int NOT NULL,
      paid_in_full int NOT NULL,
      instalment_plans int NOT NULL
    )`);
    await qr.query(`CREATE INDEX meeting_fact_held_on_idx ON metrics.meeting_fact (held_on)`);

    await qr.query(`CREATE TABLE metrics.listing_fact (
      listing_id uuid PRIMARY KEY,
      party_id uuid NOT NULL,
      case_id uuid NOT NULL,
      county_code text,
      township_code text,
      village_code text,
      listed_at timestamptz,
      listed_on date,
      removed_at timestamptz,
      removed_on date,
      removal_ground text
    )`);
    for (const col of ['case_id', 'listed_on', 'removed_on', 'county_code', 'township_code', 'village_code'])
      await qr.query(`CREATE INDEX listing_fact_${col}_idx ON metrics.listing_fact (${col})`);
    await qr.query(
      `CREATE INDEX listing_fact_active_home_idx ON metrics.listing_fact ((COALESCE(village_code, township_code, county_code))) WHERE removed_at IS NULL`,
    );

    await qr.query(`CREATE TABLE metrics.partner_change_fact (
      change_id uuid PRIMARY KEY,
      department text NOT NULL,
      changed_at timestamptz,
      acknowledged_at timestamptz,
      overdue boolean NOT NULL DEFAULT false
    )`);
    await qr.query(
      `CREATE INDEX partner_change_open_overdue_idx ON metrics.partner_change_fact (department) WHERE overdue AND acknowledged_at IS NULL`,
    );

    // Every division code seen in a fact, so warnings and rankings know which divisions exist.
    await qr.query(`CREATE TABLE metrics.division_seen (code text PRIMARY KEY, level text NOT NULL)`);
    await qr.query(`CREATE INDEX division_seen_level_idx ON metrics.division_seen (level, code text_pattern_ops)`);

    // Pre-aggregated figures per division and day; a period is a sum over its days.
    await qr.query(`CREATE TABLE metrics.division_daily (
      division_code text NOT NULL,
      day date NOT NULL,
      judgments_effective int NOT NULL DEFAULT 0,
      performed_without_enforcement int NOT NULL DEFAULT 0,
      closed_cases int NOT NULL DEFAULT 0,
      completed_cases int NOT NULL DEFAULT 0,
      performed_after_urging int NOT NULL DEFAULT 0,
      settled_cases int NOT NULL DEFAULT 0,
      days_open_sum bigint NOT NULL DEFAULT 0,
      amount_applied_fen bigint NOT NULL DEFAULT 0,
      amount_recovered_fen bigint NOT NULL DEFAULT 0,
      old_cases_resolved int NOT NULL DEFAULT 0,
      old_cases_amount_fen bigint NOT NULL DEFAULT 0,
      urgings_started int NOT NULL DEFAULT 0,
      urgings_performed int NOT NULL DEFAULT 0,
      tasks_created int NOT NULL DEFAULT 0,
      tasks_completed int NOT NULL DEFAULT 0,
      tasks_overdue int NOT NULL DEFAULT 0,
      meetings_held int NOT NULL DEFAULT 0,
      meeting_invited int NOT NULL DEFAULT 0,
      meeting_attended int NOT NULL DEFAULT 0,
      meeting_paid_in_full int NOT NULL DEFAULT 0,
      meeting_instalment_plans int NOT NULL DEFAULT 0,
      listings_added int NOT NULL DEFAULT 0,
      listings_removed int NOT NULL DEFAULT 0,
      repayments_after_exposure int NOT NULL DEFAULT 0,
      repayments_after_exposure_fen bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (division_code, day)
    )`);
    // The same per month (first day of the month), so a quarter or a year reads a few rows per division.
    await qr.query(`CREATE TABLE metrics.division_monthly (LIKE metrics.division_daily INCLUDING DEFAULTS)`);
    await qr.query(`ALTER TABLE metrics.division_monthly RENAME COLUMN day TO month`);
    await qr.query(`ALTER TABLE metrics.division_monthly ADD PRIMARY KEY (division_code, month)`);
    // Breakdowns per division and day: outcome, days open (for the median), cause category, task type and level.
    await qr.query(`CREATE TABLE metrics.division_daily_dim (
      division_code text NOT NULL,
      day date NOT NULL,
      dim text NOT NULL,
      key text NOT NULL,
      n int NOT NULL,
      amount_fen bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (division_code, dim, day, key)
    )`);
    await qr.query(`CREATE TABLE metrics.division_monthly_dim (
      division_code text NOT NULL,
      month date NOT NULL,
      dim text NOT NULL,
      key text NOT NULL,
      n int NOT NULL,
      amount_fen bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (division_code, dim, month, key)
    )`);
    // Figures that are a state now rather than a sum over days, per home division (the most precise
    // code of a case, listing or task); a township's or county's state is the sum over the codes under it.
    await qr.query(`CREATE TABLE metrics.division_snapshot (
      division_code text PRIMARY KEY,
      open_cases int NOT NULL DEFAULT 0,
      obligors_with_open_cases int NOT NULL DEFAULT 0,
      active_listings int NOT NULL DEFAULT 0,
      listed_obligors int NOT NULL DEFAULT 0,
      open_tasks int NOT NULL DEFAULT 0,
      overdue_tasks int NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(
      `CREATE INDEX division_snapshot_prefix_idx ON metrics.division_snapshot (division_code text_pattern_ops)`,
    );
    await qr.query(`CREATE TABLE metrics.judge_daily (
      judge_id uuid NOT NULL,
      day date NOT NULL,
      outcome text NOT NULL,
      n int NOT NULL,
      PRIMARY KEY (judge_id, day, outcome)
    )`);
    await qr.query(`CREATE INDEX judge_daily_day_idx ON metrics.judge_daily (day)`);

    await qr.query(`CREATE TABLE metrics.performance_rule_set (
      id uuid PRIMARY KEY,
      version serial UNIQUE,
      name text NOT NULL,
      status text NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'RETIRED')),
      weights jsonb NOT NULL,
      effective_from date NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      activated_by text,
      activated_at timestamptz,
      activation_reason text,
      retired_at timestamptz
    )`);
    await qr.query(
      `CREATE UNIQUE INDEX performance_rule_set_one_active_idx ON metrics.performance_rule_set (status) WHERE status = 'ACTIVE'`,
    );
    await qr.query(`CREATE INDEX performance_rule_set_activated_idx ON metrics.performance_rule_set (activated_at)`);
    await qr.query(`INSERT INTO metrics.performance_rule_set (id, name, status, weights, effective_from, created_by, activated_by, activated_at, activation_reason)
      VALUES ('00000000-0000-4000-8000-000000000001', 'Default weighting', 'ACTIVE',
        '{"PERFORMED_AFTER_URGING":1.5,"COMPLETED":1,"SETTLED_AND_PERFORMED":1,"TERMINATED_THIS_ROUND":1,"EXITED":1,"WITHDRAWN":1}',
        '2000-01-01', 'system', 'system', '2000-01-01T00:00:00Z', 'Default: a case performed after urging counts 1.5')`);
    // All-time weighted score per judge under the active rule set, recomputed from judge_daily.
    await qr.query(`CREATE TABLE metrics.judge_score (
      judge_id uuid PRIMARY KEY,
      rule_set_id uuid NOT NULL,
      raw_count int NOT NULL,
      weighted numeric(14, 2) NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);

    await qr.query(`CREATE TABLE metrics.warning_rule (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      metric text NOT NULL,
      comparison text NOT NULL CHECK (comparison IN ('LT', 'LTE', 'GT', 'GTE')),
      threshold double precision NOT NULL,
      division_level text NOT NULL CHECK (division_level IN ('COUNTY', 'TOWNSHIP', 'VILLAGE')),
      window_days int NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`INSERT INTO metrics.warning_rule (id, name, metric, comparison, threshold, division_level, window_days, updated_by) VALUES
      ('00000000-0000-4000-8000-000000000011', 'Township completion rate below 60% over 90 days', 'COMPLETION_RATE', 'LT', 0.6, 'TOWNSHIP', 90, 'system'),
      ('00000000-0000-4000-8000-000000000012', 'More than 5 overdue assistance tasks in a township', 'OVERDUE_TASKS', 'GT', 5, 'TOWNSHIP', 1, 'system'),
      ('00000000-0000-4000-8000-000000000013', 'Partner acknowledgements overdue', 'PARTNER_ACKS_OVERDUE', 'GT', 0, 'COUNTY', 1, 'system'),
      ('00000000-0000-4000-8000-000000000014', 'Village with dishonest listings rising over 30 days', 'LISTINGS_RISING', 'GT', 0, 'VILLAGE', 30, 'system')`);

    await qr.query(`CREATE TABLE metrics.warning (
      id uuid PRIMARY KEY,
      rule_id uuid NOT NULL REFERENCES metrics.warning_rule (id),
      division_code text NOT NULL,
      metric text NOT NULL,
      status text NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
      threshold double precision NOT NULL,
      raised_value double precision NOT NULL,
      last_value double precision NOT NULL,
      raised_at timestamptz NOT NULL,
      last_checked_at timestamptz NOT NULL,
      resolved_at timestamptz,
      resolved_value double precision
    )`);
    // At most one open warning per rule and division: raised once, kept while it holds.
    await qr.query(
      `CREATE UNIQUE INDEX warning_open_idx ON metrics.warning (rule_id, division_code) WHERE status = 'OPEN'`,
    );
    await qr.query(
      `CREATE INDEX warning_division_idx ON metrics.warning (division_code text_pattern_ops, raised_at DESC)`,
    );
    await qr.query(`CREATE INDEX warning_status_idx ON metrics.warning (status, raised_at DESC)`);

    await qr.query(`CREATE TABLE metrics.judicial_suggestion (
      id uuid PRIMARY KEY,
      target_department text NOT NULL,
      division_code text,
      title text NOT NULL,
      finding text NOT NULL,
      figures jsonb NOT NULL DEFAULT '[]',
      status text NOT NULL CHECK (status IN ('DRAFT', 'SENT', 'ANSWERED')),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      answered_at timestamptz,
      answer text
    )`);
    await qr.query(
      `CREATE INDEX judicial_suggestion_status_idx ON metrics.judicial_suggestion (status, created_at DESC)`,
    );
    await qr.query(
      `CREATE INDEX judicial_suggestion_department_idx ON metrics.judicial_suggestion (target_department, created_at DESC)`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'judicial_suggestion',
      'warning',
      'warning_rule',
      'judge_score',
      'performance_rule_set',
      'judge_daily',
      'division_snapshot',
      'division_monthly_dim',
      'division_monthly',
      'division_daily_dim',
      'division_daily',
      'division_seen',
      'partner_change_fact',
      'listing_fact',
      'meeting_fact',
      'task_fact',
      'payment_fact',
      'case_fact',
    ])
      await qr.query(`DROP TABLE IF EXISTS metrics.${t}`);
    await qr.query(`CREATE TABLE metrics.division_stats (
      division_code text PRIMARY KEY,
      closed_cases int NOT NULL DEFAULT 0,
      performed_after_urging int NOT NULL DEFAULT 0,
      amount_recovered_fen bigint NOT NULL DEFAULT 0,
      updated_at timestamptz
    )`);
  }
}
