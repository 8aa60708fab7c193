import { Column, Entity, PrimaryColumn } from 'typeorm';
import { fen } from './columns';

/** An enforcement settlement (执行和解) or an instalment plan (分期履行) with its schedule. */
@Entity({ name: 'settlement' })
export class SettlementEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'text' })
  kind: 'SETTLEMENT' | 'INSTALMENT_PLAN';

  @Column({ type: 'text' })
  terms: string;

  /** What the obligor agreed to pay under this settlement (may be less than the balance when the obligee waives part). */
  @Column({ type: 'bigint', name: 'total_fen', transformer: fen })
  totalFen: number;

  @Column({ type: 'bigint', name: 'paid_fen', transformer: fen })
  paidFen: number;

  @Column({ type: 'text' })
  status: 'ACTIVE' | 'PERFORMED' | 'BROKEN';

  @Column({ type: 'text', name: 'agreed_by' })
  agreedBy: string;

  /** When the settlement was recorded. */
  @Column({ type: 'timestamptz', name: 'agreed_at' })
  agreedAt: Date;

  /** The court day the parties agreed it (before the recording for a settlement agreed earlier). */
  @Column({ type: 'date', name: 'agreed_on' })
  agreedOn: string;
}

@Entity({ name: 'instalment' })
export class InstalmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'settlement_id' })
  settlementId: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'int' })
  no: number;

  @Column({ type: 'date', name: 'due_date' })
  dueDate: string;

  @Column({ type: 'bigint', name: 'amount_fen', transformer: fen })
  amountFen: number;

  @Column({ type: 'bigint', name: 'paid_fen', transformer: fen })
  paidFen: number;

  @Column({ type: 'text' })
  status: 'DUE' | 'PAID' | 'MISSED';

  @Column({ type: 'timestamptz', name: 'missed_at', nullable: true })
  missedAt: Date | null;
}
