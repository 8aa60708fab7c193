import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'dishonest_listing' })
export class DishonestListingEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'text' })
  ground: string;

  @Column({ type: 'text' })
  status: 'ACTIVE' | 'REMOVED';

  @Column({ type: 'text', array: true })
  measures: string[];

  @Column({ type: 'timestamptz', name: 'listed_at' })
  listedAt: Date;

  /** Null for "able but refuses", which has no fixed term. */
  @Column({ type: 'timestamptz', name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'int', name: 'extension_years', nullable: true })
  extensionYears: number | null;

  @Column({ type: 'text', name: 'extension_reason', nullable: true })
  extensionReason: string | null;

  /** The rights holder on whose application the obligor was listed, if any. */
  @Column({ type: 'uuid', name: 'applicant_party_id', nullable: true })
  applicantPartyId: string | null;

  @Column({ type: 'text', name: 'listed_by' })
  listedBy: string;

  @Column({ type: 'text', name: 'village_code', nullable: true })
  villageCode: string | null;

  @Column({ type: 'text', name: 'township_code', nullable: true })
  townshipCode: string | null;

  @Column({ type: 'timestamptz', name: 'removed_at', nullable: true })
  removedAt: Date | null;

  @Column({ type: 'text', name: 'removal_ground', nullable: true })
  removalGround: string | null;

  @Column({ type: 'uuid', name: 'removal_requested_by', nullable: true })
  removalRequestedBy: string | null;

  @Column({ type: 'text', name: 'removal_note', nullable: true })
  removalNote: string | null;
}
