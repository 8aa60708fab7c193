import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { PartyEntity } from './party.entity';

/** The restriction status of a party for one partner department. */
@Entity({ name: 'credit_link' })
@Check('credit_link_status_check', `status IN ('RESTRICTED', 'CLEAR')`)
export class CreditLinkEntity {
  @ForeignKey(() => PartyEntity, { name: 'credit_link_party_id_fkey' })
  @PrimaryColumn({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @PrimaryColumn({ type: 'text' })
  department: string;

  @Column({ type: 'text' })
  status: 'RESTRICTED' | 'CLEAR';

  @Column({ type: 'timestamptz', name: 'changed_at' })
  changedAt: Date;
}

/** One change of a credit link, as published to the partner; acknowledged by the partner. */
@Entity({ name: 'credit_link_change' })
@Index('link_change_party_idx', ['partyId', 'department', 'changedAt'])
// The changes still waiting for their partner (partial).
@Index('link_change_unacked_idx', { synchronize: false })
export class CreditLinkChangeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @ForeignKey(() => PartyEntity, { name: 'credit_link_change_party_id_fkey' })
  @Column({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @Column({ type: 'text' })
  department: string;

  @Column({ type: 'text' })
  status: 'RESTRICTED' | 'CLEAR';

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', array: true, name: 'listing_ids' })
  listingIds: string[];

  @Column({ type: 'timestamptz', name: 'changed_at' })
  changedAt: Date;

  @Column({ type: 'timestamptz', name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'text', name: 'acknowledged_by', nullable: true })
  acknowledgedBy: string | null;

  @Column({ type: 'timestamptz', name: 'overdue_reported_at', nullable: true })
  overdueReportedAt: Date | null;
}
