import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WarningRuleEntity } from './warning-rule.entity';

/** One early warning: raised once, open while its condition holds, resolved when it clears or by hand. */
@Entity({ name: 'warning' })
@Check('warning_status_check', `status IN ('OPEN', 'RESOLVED')`)
// At most one open warning per rule and division (a partial unique index); the division index is a prefix (text_pattern_ops) index.
@Index('warning_open_idx', { synchronize: false })
@Index('warning_division_idx', { synchronize: false })
@Index('warning_status_idx', { synchronize: false })
// The hand-resolved warnings that still keep their rule quiet in their division (a partial index).
@Index('warning_suppressing_idx', { synchronize: false })
export class WarningEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'rule_id' })
  ruleId: string;

  /** The rule's row (never loaded: warnings are read with their rule through a loader); declares the foreign key. */
  @ManyToOne(() => WarningRuleEntity)
  @JoinColumn({ name: 'rule_id', foreignKeyConstraintName: 'warning_rule_id_fkey' })
  ruleRow?: WarningRuleEntity;

  @Column({ type: 'text', name: 'division_code' })
  divisionCode: string;

  @Column({ type: 'text' })
  metric: string;

  @Column({ type: 'text' })
  status: 'OPEN' | 'RESOLVED';

  @Column({ type: 'double precision' })
  threshold: number;

  @Column({ type: 'double precision', name: 'raised_value' })
  raisedValue: number;

  @Column({ type: 'double precision', name: 'last_value' })
  lastValue: number;

  @Column({ type: 'timestamptz', name: 'raised_at' })
  raisedAt: Date;

  @Column({ type: 'timestamptz', name: 'last_checked_at' })
  lastCheckedAt: Date;

  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'double precision', name: 'resolved_value', nullable: true })
  resolvedValue: number | null;

  /** Who acknowledged the open warning (staff id), when, and what they said is being done; null until then. */
  @Column({ type: 'text', name: 'acknowledged_by', nullable: true })
  acknowledgedBy: string | null;

  @Column({ type: 'timestamptz', name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'text', name: 'acknowledgement_note', nullable: true })
  acknowledgementNote: string | null;

  /** Who resolved the warning by hand (staff id) and why; null when its condition cleared by itself. */
  @Column({ type: 'text', name: 'resolved_by', nullable: true })
  resolvedBy: string | null;

  @Column({ type: 'text', name: 'resolution_note', nullable: true })
  resolutionNote: string | null;

  /** For a hand-resolved warning: when its metric next recovered; until then the rule raises nothing new in the division. */
  @Column({ type: 'timestamptz', name: 'recovered_at', nullable: true })
  recoveredAt: Date | null;
}
