import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { DivisionEntity } from './division.entity';
import { dateTransformer } from './transformers';

@Entity({ name: 'party' })
@Check('party_kind_check', `kind IN ('PERSON', 'ORGANIZATION')`)
@Check('party_gender_check', `gender IN ('MALE', 'FEMALE')`)
@Unique('party_id_number_key', ['idNumber'])
@Index('party_created_idx', ['createdAt', 'id'])
// Name search by prefix (LIKE): an operator-class index TypeORM cannot declare.
@Index('party_name_idx', { synchronize: false })
// Sign-in finds a party by the digits of its phone (an expression index).
@Index('party_phone_digits_idx', { synchronize: false })
export class PartyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  kind: 'PERSON' | 'ORGANIZATION';

  @Column({ type: 'text' })
  name: string;

  /** Resident ID number (persons) or unified social credit code (organizations). Never leaves unmasked for callers out of scope. */
  @Column({ type: 'text', name: 'id_number' })
  idNumber: string;

  @Index('party_home_division_idx')
  @ForeignKey(() => DivisionEntity, { name: 'party_home_division_code_fkey' })
  @Column({ type: 'text', name: 'home_division_code' })
  homeDivisionCode: string;

  @Column({ type: 'date', name: 'birth_date', nullable: true, transformer: dateTransformer })
  birthDate: string | null;

  @Column({ type: 'text', nullable: true })
  gender: 'MALE' | 'FEMALE' | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text', name: 'legal_representative', nullable: true })
  legalRepresentative: string | null;

  @Column({ type: 'boolean', default: false })
  disability: boolean;

  @Column({ type: 'boolean', name: 'serious_illness', default: false })
  seriousIllness: boolean;

  @Column({ type: 'boolean', name: 'low_income', default: false })
  lowIncome: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
