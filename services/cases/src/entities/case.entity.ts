import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { CaseOutcome, CaseState } from '../domain/state-machine';
import { fen } from './columns';

/**
 * A judgment and, once filed, its enforcement case: one row from effective judgment to close. The
 * constraints and indexes are those of the migrations (names as PostgreSQL gave them); the indexes
 * TypeORM cannot express (descending keys, partial, expression, GIN) are declared unsynchronized.
 */
@Entity({ name: 'case' })
@Unique('case_case_number_key', ['caseNumber'])
@Check('case_obligor_ids_check', 'cardinality(obligor_ids) >= 1')
@Check('case_obligee_ids_check', 'cardinality(obligee_ids) >= 1')
@Check('case_principal_fen_check', 'principal_fen >= 0')
@Check('case_interest_fen_check', 'interest_fen >= 0')
@Check('case_costs_fen_check', 'costs_fen >= 0')
@Check('case_check', 'amount_owed_fen = principal_fen + interest_fen + costs_fen')
@Check('case_amount_applied_fen_check', 'amount_applied_fen >= 0')
@Check('case_check1', 'paid_fen >= 0 AND paid_fen <= amount_owed_fen')
@Index('case_state_idx', ['state'])
@Index('case_cause_idx', ['causeCode'])
@Index('case_cause_category_idx', ['causeCategory'])
@Index('case_order_idx', { synchronize: false })
@Index('case_village_idx', { synchronize: false })
@Index('case_township_idx', { synchronize: false })
@Index('case_judge_idx', { synchronize: false })
@Index('case_officer_idx', { synchronize: false })
@Index('case_obligors_idx', { synchronize: false })
@Index('case_obligees_idx', { synchronize: false })
@Index('case_outstanding_idx', { synchronize: false })
@Index('case_deadline_idx', { synchronize: false })
@Index('case_urging_deadline_idx', { synchronize: false })
@Index('case_primary_obligor_open_idx', { synchronize: false })
@Index('case_enforcement_number_key', { synchronize: false })
@Index('case_research_due_idx', { synchronize: false })
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

  @Column({ type: 'bigint', name: 'paid_fen', transformer: fen, default: 0 })
  paidFen: number;

  @Column({ type: 'text' })
  state: CaseState;

  @Column({ type: 'text', nullable: true })
  outcome: CaseOutcome | null;

  @Column({ type: 'text', name: 'village_code', nullable: true })
  villageCode: string | null;

  @Column({ type: 'text', name: 'township_code', nullable: true })
  townshipCode: string | null;

  @Column({ type: 'boolean', default: false })
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

  @Column({ type: 'boolean', name: 'needs_service', default: false })
  needsService: boolean;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'date', name: 'next_research_due', nullable: true })
  nextResearchDue: string | null;

  /** When the oldest asset lead not yet acted on was filed (a terminated case with one leads the due list). */
  @Column({ type: 'timestamptz', name: 'open_asset_lead_at', nullable: true })
  openAssetLeadAt: Date | null;

  /** The re-search due date the sweep last announced (cases.research.due), so each is announced once. */
  @Column({ type: 'date', name: 'research_announced_for', nullable: true })
  researchAnnouncedFor: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
