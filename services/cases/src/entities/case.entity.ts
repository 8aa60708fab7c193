import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseOutcome, CaseState } from '../domain/state-machine';
import { fen } from './columns';

/** A judgment and, once filed, its enforcement case: one row from effective judgment to close. */
@Entity({ name: 'case' })
export class CaseEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'case_number' })
  caseNumber: string;

  @Column({ type: 'text', name: 'enforcement_number', nullable: true })
  enforcementNumber: string | null;

  @Column({ type: 'text' })
  court: string;

  @Column({ type: 'text', name: 'cause_code' })
  causeCode: string;

  @Column({ type: 'text', name: 'cause_category' })
  causeCategory: string;

  @Column({ type: 'uuid', name: 'judge_id', nullable: true })
  judgeId: string | null;

  @Column({ type: 'uuid', name: 'officer_id', nullable: true })
  officerId: string | null;

  @Column({ type: 'date', name: 'effective_date' })
  effectiveDate: string;

  @Column({ type: 'date', name: 'performance_deadline', nullable: true })
  performanceDeadline: string | null;

  @Column({ type: 'uuid', name: 'obligor_ids', array: true })
  obligorIds: string[];

  @Column({ type: 'uuid', name: 'obligee_ids', array: true })
  obligeeIds: string[];

  @Column({ type: 'bigint', name: 'principal_fen', transformer: fen })
  principalFen: number;

  @Column({ type: 'bigint', name: 'interest_fen', transformer: fen })
  interestFen: number;

  @Column({ type: 'bigint', name: 'costs_fen', transformer: fen })
  costsFen: number;

  /** principal + interest + costs. */
  @Column({ type: 'bigint', name: 'amount_owed_fen', transformer: fen })
  amountOwedFen: number;

  @Column({ type: 'bigint', name: 'amount_applied_fen', transformer: fen, nullable: true })
  amountAppliedFen: number | null;

  @Column({ type: 'bigint', name: 'paid_fen', transformer: fen })
  paidFen: number;

  @Column({ type: 'text' })
  state: CaseState;

  @Column({ type: 'text', nullable: true })
  outcome: CaseOutcome | null;

  @Column({ type: 'text', name: 'village_code', nullable: true })
  villageCode: string | null;

  @Column({ type: 'text', name: 'township_code', nullable: true })
  townshipCode: string | null;

  @Column({ type: 'boolean' })
  urged: boolean;

  @Column({ type: 'timestamptz', name: 'urging_started_at', nullable: true })
  urgingStartedAt: Date | null;

  @Column({ type: 'date', name: 'urging_deadline', nullable: true })
  urgingDeadline: string | null;

  @Column({ type: 'timestamptz', name: 'urging_ended_at', nullable: true })
  urgingEndedAt: Date | null;

  @Column({ type: 'text', name: 'urging_end_reason', nullable: true })
  urgingEndReason: string | null;

  @Column({ type: 'timestamptz', name: 'filed_at', nullable: true })
  filedAt: Date | null;

  @Column({ type: 'boolean', name: 'needs_service' })
  needsService: boolean;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'date', name: 'next_research_due', nullable: true })
  nextResearchDue: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
