import { Check, Column, Entity, ForeignKey, Generated, Index, PrimaryColumn, Unique } from 'typeorm';
import { CreditLinkChangeEntity } from './credit-link.entity';

/** A partner department's webhook: where its credit-link changes are POSTed, signed with its secret (stored encrypted). */
@Entity({ name: 'webhook' })
@Check('webhook_status_check', `status IN ('ACTIVE', 'PAUSED')`)
@Index('webhook_department_idx', ['department'])
export class WebhookEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  department: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  events: string[];

  @Column({ type: 'text', default: 'ACTIVE' })
  status: 'ACTIVE' | 'PAUSED';

  /** AES-256-GCM under WEBHOOK_SECRET_KEY; never shown after registration or rotation. */
  @Column({ type: 'text', name: 'secret_encrypted' })
  secretEncrypted: string;

  /** The secret before the last rotation, still used to sign until previousSecretUntil. */
  @Column({ type: 'text', name: 'previous_secret_encrypted', nullable: true })
  previousSecretEncrypted: string | null;

  @Column({ type: 'timestamptz', name: 'previous_secret_until', nullable: true })
  previousSecretUntil: Date | null;

  @Column({ type: 'timestamptz', name: 'secret_rotated_at', nullable: true })
  secretRotatedAt: Date | null;

  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

/** One credit-link change to be POSTed to one webhook: retried with backoff until delivered or dead-lettered. */
@Entity({ name: 'webhook_delivery' })
@Check('webhook_delivery_status_check', `status IN ('PENDING', 'DELIVERED', 'DEAD')`)
@Unique('webhook_delivery_change_uq', ['webhookId', 'changeId'])
@Index('webhook_delivery_list_idx', ['webhookId', 'createdAt', 'id'])
// The head of each obligor's line, and the due deliveries (partial).
@Index('webhook_delivery_line_idx', { synchronize: false })
@Index('webhook_delivery_due_idx', { synchronize: false })
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Insertion order; with changedAt, the order of an obligor's line. */
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS' })
  @Generated('increment')
  seq: string;

  @ForeignKey(() => WebhookEntity, { name: 'webhook_delivery_webhook_id_fkey' })
  @Column({ type: 'uuid', name: 'webhook_id' })
  webhookId: string;

  @ForeignKey(() => CreditLinkChangeEntity, { name: 'webhook_delivery_change_id_fkey' })
  @Column({ type: 'uuid', name: 'change_id' })
  changeId: string;

  @Column({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @Column({ type: 'text', name: 'event_type' })
  eventType: string;

  @Column({ type: 'timestamptz', name: 'changed_at' })
  changedAt: Date;

  @Column({ type: 'text', default: 'PENDING' })
  status: 'PENDING' | 'DELIVERED' | 'DEAD';

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', name: 'next_attempt_at' })
  nextAttemptAt: Date;

  /** Set at the first attempt (the retry window runs from there); cleared by a replay or a resume. */
  @Column({ type: 'timestamptz', name: 'give_up_at', nullable: true })
  giveUpAt: Date | null;

  @Column({ type: 'timestamptz', name: 'last_attempt_at', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: 'integer', name: 'last_status_code', nullable: true })
  lastStatusCode: number | null;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'delivered_at', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', name: 'dead_at', nullable: true })
  deadAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  replays: number;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
