import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { PartyEntity } from './party.entity';

@Entity({ name: 'dishonest_listing' })
@Check('dishonest_listing_status_check', `status IN ('ACTIVE', 'REMOVED')`)
@Index('listing_party_idx', ['partyId'])
@Index('listing_case_idx', ['caseId'])
@Index('listing_status_idx', ['status', 'listedAt', 'id'])
// Partial indexes: one active listing per party and case, the boards of villages and townships, the expiry sweep, re-listing requests.
@Index('listing_one_active_per_case_idx', { synchronize: false })
@Index('listing_village_idx', { synchronize: false })
@Index('listing_township_idx', { synchronize: false })
@Index('listing_expiry_idx', { synchronize: false })
@Index('listing_removal_request_idx', { synchronize: false })
export class DishonestListingEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @ForeignKey(() => PartyEntity, { name: 'dishonest_listing_party_id_fkey' })
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
