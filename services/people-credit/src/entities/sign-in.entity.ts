import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { PartyEntity } from './party.entity';

/** A one-time sign-in code sent to a party's phone: only its HMAC is kept (docs/access.md). */
@Entity({ name: 'sign_in_code' })
@Index('sign_in_code_phone_idx', ['phone', 'createdAt'])
export class SignInCodeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @ForeignKey(() => PartyEntity, { name: 'sign_in_code_party_id_fkey' })
  @Column({ type: 'uuid', name: 'party_id' })
  partyId: string;

  /** The phone as normalized for sign-in (digits only, without +86). */
  @Column({ type: 'text' })
  phone: string;

  @Column({ type: 'text', name: 'code_hash' })
  codeHash: string;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  /** Wrong codes tried against it; at the limit the code is dead. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', name: 'used_at', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** Every code request and every sign-in attempt, known phone or not: what the rate limits count, and the sign-in record. */
@Entity({ name: 'sign_in_attempt' })
@Check('sign_in_attempt_kind_check', `kind IN ('CODE_REQUESTED', 'SIGN_IN')`)
@Index('sign_in_attempt_phone_idx', ['phone', 'at'])
// Partial (ip IS NOT NULL).
@Index('sign_in_attempt_ip_idx', { synchronize: false })
export class SignInAttemptEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  kind: 'CODE_REQUESTED' | 'SIGN_IN';

  @Column({ type: 'text' })
  phone: string;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ type: 'uuid', name: 'party_id', nullable: true })
  partyId: string | null;

  /** SENT, UNKNOWN_PHONE, RATE_LIMITED (requests); OK, WRONG_CODE, NO_CODE, RATE_LIMITED (sign-ins). */
  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}

/** people-credit's SMS ledger: one row per message, its id the provider's idempotency key. */
@Entity({ name: 'sms_message' })
@Check('sms_message_status_check', `status IN ('QUEUED', 'SENT', 'FAILED')`)
// Partial (status = 'QUEUED').
@Index('sms_message_queued_idx', { synchronize: false })
export class SmsMessageEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'uuid', name: 'recipient_party_id', nullable: true })
  recipientPartyId: string | null;

  @Column({ type: 'text' })
  phone: string;

  /** The text as sent, with a sign-in code blanked out: the code exists only in the SMS itself. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', default: 'QUEUED' })
  status: 'QUEUED' | 'SENT' | 'FAILED';

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', name: 'provider_message_id', nullable: true })
  providerMessageId: string | null;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', name: 'failed_at', nullable: true })
  failedAt: Date | null;
}

/** A refresh token of a party (hashed); rotation keeps a family, and reuse of a rotated one revokes it. */
@Entity({ name: 'party_session' })
@Unique('party_session_token_hash_key', ['tokenHash'])
@Index('party_session_family_idx', ['familyId'])
export class PartySessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'family_id' })
  familyId: string;

  @ForeignKey(() => PartyEntity, { name: 'party_session_party_id_fkey' })
  @Column({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @Column({ type: 'text', name: 'token_hash' })
  tokenHash: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', name: 'rotated_at', nullable: true })
  rotatedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', name: 'revoked_reason', nullable: true })
  revokedReason: string | null;
}
