import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'party' })
export class PartyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  kind: 'PERSON' | 'ORGANIZATION';

  @Column({ type: 'text' })
  name: string;

  /** Resident ID number (persons) or unified social credit code (organizations). */
  @Index({ unique: true })
  @Column({ type: 'text', name: 'id_number' })
  idNumber: string;

  @Index()
  @Column({ type: 'text', name: 'home_division_code' })
  homeDivisionCode: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
