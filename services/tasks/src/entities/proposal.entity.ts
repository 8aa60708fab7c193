import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProposalDecision, ProposalIntent, ProposalStatus } from '../domain/proposals';
import { fenTransformer } from './transformers';

/** An obligor coming forward online (主动履行): the proposal, the rights holder's answer, the court's decision. */
@Entity({ name: 'proposal' })
@Check('proposal_intent_check', `intent IN ('PAY_NOW', 'PROPOSE_INSTALMENTS', 'PROPOSE_SETTLEMENT', 'REQUEST_GRACE')`)
@Check('proposal_status_check', `status IN ('SUBMITTED', 'CONSENTED', 'DECLINED', 'ACCEPTED', 'REJECTED', 'EXPIRED')`)
@Check('proposal_answer_check', `answer IN ('ACCEPT', 'DECLINE')`)
@Check('proposal_decision_check', `decision IN ('ACCEPT', 'REJECT')`)
@Index('proposal_case_idx', ['caseId', 'submittedAt'])
// Partial indexes (one open proposal per obligor and case; the expiry sweep), which TypeORM cannot express.
@Index('proposal_one_open_idx', { synchronize: false })
@Index('proposal_open_expiry_idx', { synchronize: false })
export class ProposalEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'uuid', name: 'obligor_id' })
  obligorId: string;

  @Column({ type: 'text' })
  intent: ProposalIntent;

  @Column({ type: 'text' })
  status: ProposalStatus;

  /** PAY_NOW: declared; PROPOSE_SETTLEMENT: offered; PROPOSE_INSTALMENTS: the schedule's total. */
  @Column({ type: 'bigint', name: 'amount_fen', nullable: true, transformer: fenTransformer })
  amountFen: number | null;

  /** PAY_NOW: the day paid or to be paid at the village; PROPOSE_SETTLEMENT: the day the amount is paid by. */
  @Column({ type: 'date', name: 'paid_on', nullable: true })
  paidOn: string | null;

  @Column({ type: 'text', nullable: true })
  terms: string | null;

  @Column({ type: 'jsonb', nullable: true })
  instalments: { dueDate: string; amountFen: number }[] | null;

  @Column({ type: 'integer', name: 'grace_months', nullable: true })
  graceMonths: number | null;

  @Column({ type: 'text', name: 'grace_reasons', nullable: true })
  graceReasons: string | null;

  @Column({ type: 'uuid', name: 'declaration_form_id', nullable: true })
  declarationFormId: string | null;

  /** PAY_NOW: the officer's CONFIRM_PAYMENT task. */
  @Column({ type: 'uuid', name: 'task_id', nullable: true })
  taskId: string | null;

  @Column({ type: 'uuid', name: 'obligee_id', nullable: true })
  obligeeId: string | null;

  @Column({ type: 'text', nullable: true })
  answer: 'ACCEPT' | 'DECLINE' | null;

  @Column({ type: 'text', name: 'answer_reason', nullable: true })
  answerReason: string | null;

  @Column({ type: 'timestamptz', name: 'answered_at', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'text', nullable: true })
  decision: ProposalDecision | null;

  @Column({ type: 'text', name: 'decision_reason', nullable: true })
  decisionReason: string | null;

  @Column({ type: 'text', name: 'grace_reason_code', nullable: true })
  graceReasonCode: string | null;

  @Column({ type: 'text', name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', name: 'submitted_by' })
  submittedBy: string;

  @Column({ type: 'timestamptz', name: 'submitted_at' })
  submittedAt: Date;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', name: 'expired_at', nullable: true })
  expiredAt: Date | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
