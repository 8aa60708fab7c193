import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A tunable early-warning rule: metric, comparison, threshold, division level and window. */
@Entity({ name: 'warning_rule' })
@Check('warning_rule_comparison_check', `comparison IN ('LT', 'LTE', 'GT', 'GTE')`)
@Check('warning_rule_division_level_check', `division_level IN ('COUNTY', 'TOWNSHIP', 'VILLAGE')`)
export class WarningRuleEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  metric: string;

  @Column({ type: 'text' })
  comparison: 'LT' | 'LTE' | 'GT' | 'GTE';

  @Column({ type: 'double precision' })
  threshold: number;

  @Column({ type: 'text', name: 'division_level' })
  divisionLevel: 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

  @Column({ type: 'int', name: 'window_days' })
  windowDays: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'text', name: 'updated_by' })
  updatedBy: string;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
