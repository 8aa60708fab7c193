import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type JudicialSuggestionStatus = 'DRAFT' | 'SENT' | 'ANSWERED';

/** A judicial suggestion (司法建议) to a department, tracked DRAFT → SENT → ANSWERED. */
@Entity({ name: 'judicial_suggestion' })
@Check('judicial_suggestion_status_check', `status IN ('DRAFT', 'SENT', 'ANSWERED')`)
// Both ordered by created_at DESC, which @Index cannot express.
@Index('judicial_suggestion_status_idx', { synchronize: false })
@Index('judicial_suggestion_department_idx', { synchronize: false })
export class JudicialSuggestionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'target_department' })
  targetDepartment: string;

  @Column({ type: 'text', name: 'division_code', nullable: true })
  divisionCode: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  finding: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  figures: { label: string; value: string }[];

  @Column({ type: 'text' })
  status: JudicialSuggestionStatus;

  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', name: 'answered_at', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'text', nullable: true })
  answer: string | null;
}
