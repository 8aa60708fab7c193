import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { fenTransformer } from './transformers';

export const ATTACHMENT_TARGETS = [
  'TASK',
  'MEETING',
  'WHEREABOUTS_FEEDBACK',
  'PROPERTY_DECLARATION',
  'HOME_VISIT',
] as const;
export type AttachmentTargetKind = (typeof ATTACHMENT_TARGETS)[number];
export type AttachmentStatus = 'PENDING' | 'STORED';

/** A file attached to a task, a meeting or a form; its bytes are in the attachment storage under `storageKey`. */
@Entity({ name: 'attachment' })
@Check(
  'attachment_target_kind_check',
  `target_kind IN ('TASK', 'MEETING', 'WHEREABOUTS_FEEDBACK', 'PROPERTY_DECLARATION', 'HOME_VISIT')`,
)
@Check('attachment_status_check', `status IN ('PENDING', 'STORED')`)
@Index('attachment_target_idx', ['targetKind', 'targetId', 'requestedAt'])
export class AttachmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'target_kind' })
  targetKind: AttachmentTargetKind;

  @Column({ type: 'uuid', name: 'target_id' })
  targetId: string;

  @Column({ type: 'text', name: 'file_name' })
  fileName: string;

  @Column({ type: 'text', name: 'content_type' })
  contentType: string;

  /** Declared while PENDING; measured once STORED. */
  @Column({ type: 'bigint', name: 'size_bytes', transformer: fenTransformer })
  sizeBytes: number;

  @Column({ type: 'text' })
  status: AttachmentStatus;

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
