import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The restriction status of a party for one partner department. */
@Entity({ name: 'credit_link' })
export class CreditLinkEntity {
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
export class CreditLinkChangeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

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
