import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { fenTransformer } from './transformers';

export type MeetingOutcome = 'PAID_IN_FULL' | 'INSTALMENT_AGREED' | 'DECLARATION_FILED' | 'ABSENT' | 'REFUSED';

/** A centralized enforcement meeting (集中执行大会) in a village hall. */
@Entity({ name: 'meeting' })
@Check('meeting_status_check', `status IN ('SCHEDULED', 'HELD', 'CANCELLED')`)
@Index('meeting_village_idx', ['villageCode', 'scheduledAt', 'id'])
export class MeetingEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'village_code' })
  villageCode: string;

  @Column({ type: 'text', name: 'township_code', nullable: true })
  townshipCode: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  venue: string;

  @Column({ type: 'timestamptz', name: 'scheduled_at' })
  scheduledAt: Date;

  @Column({ type: 'text', default: 'SCHEDULED' })
  status: 'SCHEDULED' | 'HELD' | 'CANCELLED';

  @Column({ type: 'timestamptz', name: 'held_at', nullable: true })
  heldAt: Date | null;

  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

@Entity({ name: 'meeting_invitee' })
@Check(
  'meeting_invitee_outcome_check',
  `outcome IN ('PAID_IN_FULL', 'INSTALMENT_AGREED', 'DECLARATION_FILED', 'ABSENT', 'REFUSED')`,
)
@Index('meeting_invitee_case_idx', ['caseId'])
export class MeetingInviteeEntity {
  @PrimaryColumn({ type: 'uuid', name: 'meeting_id' })
  meetingId: string;

  @PrimaryColumn({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @PrimaryColumn({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'boolean', nullable: true })
  attended: boolean | null;

  @Column({ type: 'text', nullable: true })
  outcome: MeetingOutcome | null;

  @Column({ type: 'bigint', name: 'amount_fen', nullable: true, transformer: fenTransformer })
  amountFen: number | null;

  @Column({ type: 'jsonb', nullable: true })
  instalments: { dueDate: string; amountFen: number }[] | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', name: 'recorded_at', nullable: true })
  recordedAt: Date | null;

  /** The meeting invited to; its invitees go with it. */
  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_invitee_meeting_id_fkey' })
  meeting?: MeetingEntity;
}
