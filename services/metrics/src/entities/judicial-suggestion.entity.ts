import { Column, Entity, PrimaryColumn } from 'typeorm';

export type JudicialSuggestionStatus = 'DRAFT' | 'SENT' | 'ANSWERED';

/** A judicial suggestion (司法建议) to a department, tracked DRAFT → SENT → ANSWERED. */
@Entity({ name: 'judicial_suggestion' })
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

  @Column({ type: 'jsonb' })
  figures: { label: string; value: string }[];

  @Column({ type: 'text' })
  status: JudicialSuggestionStatus;

  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', name: 'answered_at', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'text', nullable: true })
  answer: string | null;
}
