import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { DivisionEntity } from './division.entity';

@Entity({ name: 'staff' })
// One fixed enforcement officer per township (partial unique index), and role lookups (GIN).
@Index('staff_one_officer_per_township_idx', { synchronize: false })
@Index('staff_roles_idx', { synchronize: false })
export class StaffEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  roles: string[];

  @Index('staff_division_idx')
  @ForeignKey(() => DivisionEntity, { name: 'staff_division_code_fkey' })
  @Column({ type: 'text', name: 'division_code', nullable: true })
  divisionCode: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** Partner department of a PARTNER account. */
  @Column({ type: 'text', nullable: true })
  department: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
