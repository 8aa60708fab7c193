import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'staff' })
export class StaffEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  roles: string[];

  @Index()
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
