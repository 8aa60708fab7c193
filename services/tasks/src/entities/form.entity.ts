import { Column, Entity, PrimaryColumn } from 'typeorm';

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

  @Column({ type: 'timestamptz', name: 'submitted_at' })
  submittedAt: Date;
}
