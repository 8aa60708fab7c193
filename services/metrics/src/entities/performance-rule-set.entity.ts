import { Check, Column, Entity, Generated, Index, PrimaryColumn, Unique } from 'typeorm';

export type PerformanceRuleSetStatus = 'DRAFT' | 'ACTIVE' | 'RETIRED';

/** A versioned set of weights by case outcome for the judge assessment. */
@Entity({ name: 'performance_rule_set' })
@Check('performance_rule_set_status_check', `status IN ('DRAFT', 'ACTIVE', 'RETIRED')`)
@Unique('performance_rule_set_version_key', ['version'])
// At most one active set (a partial unique index).
@Index('performance_rule_set_one_active_idx', { synchronize: false })
@Index('performance_rule_set_activated_idx', ['activatedAt'])
export class PerformanceRuleSetEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'int', insert: false, update: false })
  @Generated('increment')
  version: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  status: PerformanceRuleSetStatus;

  /** Weight per outcome; every outcome is present. */
  @Column({ type: 'jsonb' })
  weights: Record<string, number>;

  @Column({ type: 'date', name: 'effective_from' })
  effectiveFrom: string;

  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'text', name: 'activated_by', nullable: true })
  activatedBy: string | null;

  @Column({ type: 'timestamptz', name: 'activated_at', nullable: true })
  activatedAt: Date | null;

  @Column({ type: 'text', name: 'activation_reason', nullable: true })
  activationReason: string | null;

  @Column({ type: 'timestamptz', name: 'retired_at', nullable: true })
  retiredAt: Date | null;
}
