import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One early warning: raised once, open while its condition holds, resolved when it clears. */
@Entity({ name: 'warning' })
export class WarningEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'rule_id' })
  ruleId: string;

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
}
