import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Pre-aggregated figures per division, maintained by event handlers (never computed per request). */
@Entity({ name: 'division_stats' })
export class DivisionStatsEntity {
  @PrimaryColumn({ type: 'text', name: 'division_code' })
  divisionCode: string;

  @Column({ type: 'int', name: 'closed_cases', default: 0 })
  closedCases: number;

  @Column({ type: 'int', name: 'performed_after_urging', default: 0 })
  performedAfterUrging: number;

  @Column({ type: 'bigint', name: 'amount_recovered_fen', default: 0, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  amountRecoveredFen: number;

  @Column({ type: 'timestamptz', name: 'updated_at', nullable: true })
  updatedAt: Date | null;
}
