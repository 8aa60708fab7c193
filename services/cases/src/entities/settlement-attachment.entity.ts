import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { fen } from './columns';
import { SettlementEntity } from './settlement.entity';

/** A file attached to a settlement; its bytes are in the attachment storage under `storageKey`. */
@Entity({ name: 'settlement_attachment' })
@Check('settlement_attachment_status_check', `status IN ('PENDING', 'STORED')`)
@Index('settlement_attachment_settlement_idx', ['settlementId', 'requestedAt'])
export class SettlementAttachmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'settlement_id' })
  settlementId: string;

  @ManyToOne(() => SettlementEntity, { nullable: false })
  @JoinColumn({ name: 'settlement_id', foreignKeyConstraintName: 'settlement_attachment_settlement_id_fkey' })
  settlement?: SettlementEntity;

  @Column({ type: 'text', name: 'file_name' })
  fileName: string;

  @Column({ type: 'text', name: 'content_type' })
  contentType: string;

  /** Declared while PENDING; measured once STORED (bytes, not fen: the same bigint-to-number column). */
  @Column({ type: 'bigint', name: 'size_bytes', transformer: fen })
  sizeBytes: number;

  @Column({ type: 'text' })
  status: 'PENDING' | 'STORED';

  @Column({ type: 'text', name: 'storage_key' })
  storageKey: string;

  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  @Column({ type: 'text', name: 'requested_by' })
  requestedBy: string;

  @Column({ type: 'timestamptz', name: 'requested_at' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', name: 'uploaded_at', nullable: true })
  uploadedAt: Date | null;
}
