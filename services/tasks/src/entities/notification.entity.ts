import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export type NotificationStatus = 'QUEUED' | 'SENT' | 'DELIVERED' | 'FAILED';

/** One SMS in the ledger: kept as evidence of every notice sent. */
@Entity({ name: 'notification' })
@Check('notification_status_check', `status IN ('QUEUED', 'SENT', 'DELIVERED', 'FAILED')`)
@Unique('notification_dedupe_key_key', ['dedupeKey'])
@Index('notification_case_idx', ['caseId', 'createdAt'])
@Index('notification_party_idx', ['recipientPartyId'])
// Partial (queued rows only).
@Index('notification_queued_idx', { synchronize: false })
export class NotificationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'dedupe_key' })
  dedupeKey: string;

  @Column({ type: 'uuid', name: 'case_id', nullable: true })
  caseId: string | null;

  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'text', name: 'recipient_role' })
  recipientRole: string;

  @Column({ type: 'uuid', name: 'recipient_party_id', nullable: true })
  recipientPartyId: string | null;

  @Column({ type: 'uuid', name: 'recipient_staff_id', nullable: true })
  recipientStaffId: string | null;

  @Column({ type: 'text', name: 'recipient_division_code', nullable: true })
  recipientDivisionCode: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'jsonb', default: {} })
  variables: Record<string, string>;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', default: 'QUEUED' })
  status: NotificationStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', name: 'next_attempt_at', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'text', name: 'provider_message_id', nullable: true })
  providerMessageId: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', name: 'delivered_at', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', name: 'failed_at', nullable: true })
  failedAt: Date | null;
}
