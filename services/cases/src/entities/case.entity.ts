import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'case' })
export class CaseEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'text', name: 'case_number' })
  caseNumber: string;

  @Column({ type: 'text' })
  court: string;

  @Index()
  @Column({ type: 'text' })
  state: string;

  /** Integer fen; bigint in the database, a number here (exact below 2^53 fen). */
  @Column({ type: 'bigint', name: 'amount_owed_fen', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  amountOwedFen: number;

  @Index()
  @Column({ type: 'uuid', name: 'judge_id', nullable: true })
  judgeId: string | null;

  @Column({ type: 'uuid', name: 'obligor_ids', array: true })
  obligorIds: string[];

  @Index()
  @Column({ type: 'text', name: 'village_code', nullable: true })
  villageCode: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
