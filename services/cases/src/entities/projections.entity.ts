import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Local projection of people.party.*: where a party's household is registered (routing only). */
@Entity({ name: 'party_route' })
export class PartyRouteEntity {
  @PrimaryColumn({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @Column({ type: 'text', name: 'home_division_code' })
  homeDivisionCode: string;

  @Column({ type: 'text', name: 'village_code', nullable: true })
  villageCode: string | null;

  @Column({ type: 'text', name: 'township_code', nullable: true })
  townshipCode: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

/** Local projection of people.staff.*: enough to find the fixed enforcement officer of a township. */
@Entity({ name: 'staff_member' })
// The active enforcement officers of a division (partial: TypeORM cannot compare its condition).
@Index('staff_member_officer_idx', { synchronize: false })
export class StaffMemberEntity {
  @PrimaryColumn({ type: 'uuid', name: 'staff_id' })
  staffId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  roles: string[];

  @Column({ type: 'text', name: 'division_code', nullable: true })
  divisionCode: string | null;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ type: 'timestamptz', name: 'registered_at', default: () => 'now()' })
  registeredAt: Date;
}

/** The names of divisions, from the people events that carry them (people-credit owns divisions); texts only. */
@Entity({ name: 'division_name' })
export class DivisionNameEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
