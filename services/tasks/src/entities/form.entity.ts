import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TaskEntity } from './task.entity';

export type FormType = 'WHEREABOUTS_FEEDBACK' | 'PROPERTY_DECLARATION';

export interface FormSummary {
  found: boolean | null;
  monthlyIncomeFen: number | null;
  assetsValueFen: number | null;
  debtsFen: number | null;
  dependants: number | null;
  assetsSeen: string[];
}

/** A submitted form; `answers` keeps the form as filled, `summary` what people-credit is told. */
@Entity({ name: 'form' })
@Check('form_form_type_check', `form_type IN ('WHEREABOUTS_FEEDBACK', 'PROPERTY_DECLARATION')`)
@Index('form_party_idx', ['partyId', 'formType', 'submittedAt'])
@Index('form_task_idx', ['taskId'])
export class FormEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'form_type' })
  formType: FormType;

  @Column({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @Column({ type: 'uuid', name: 'case_id', nullable: true })
  caseId: string | null;

  @Column({ type: 'uuid', name: 'task_id', nullable: true })
  taskId: string | null;

  @Column({ type: 'jsonb' })
  answers: Record<string, any>;

  @Column({ type: 'jsonb' })
  summary: FormSummary;

  @Column({ type: 'text', name: 'submitted_by' })
  submittedBy: string;

  @Column({ type: 'timestamptz', name: 'submitted_at', default: () => 'now()' })
  submittedAt: Date;

  /** The task a whereabouts feedback answers. */
  @ManyToOne(() => TaskEntity, { nullable: true })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'form_task_id_fkey' })
  task?: TaskEntity | null;
}
