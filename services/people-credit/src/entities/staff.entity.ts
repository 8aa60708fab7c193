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
}
