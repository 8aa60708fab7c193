import { Check, Column, Entity, ForeignKey, Generated, Index, PrimaryColumn } from 'typeorm';
import { PartyEntity } from './party.entity';
import { dateTransformer } from './transformers';

/** One classification of an obligor; the rows of a party are its history, the highest seq the current one. */
@Entity({ name: 'credit_profile' })
@Check(
  'credit_profile_classification_check',
  `classification IN ('COMPLIANT', 'HONEST_IN_DIFFICULTY', 'UNABLE', 'EVASIVE')`,
)
// The latest classification of a party first (seq descending).
@Index('credit_profile_party_idx', { synchronize: false })
export class CreditProfileEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @ForeignKey(() => PartyEntity, { name: 'credit_profile_party_id_fkey' })
  @Column({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @Column({ type: 'text' })
  classification: 'COMPLIANT' | 'HONEST_IN_DIFFICULTY' | 'UNABLE' | 'EVASIVE';

  @Column({ type: 'text', array: true, name: 'reason_codes' })
  reasonCodes: string[];

  @Column({ type: 'date', name: 'grace_until', nullable: true, transformer: dateTransformer })
  graceUntil: string | null;

  @Column({ type: 'boolean', default: false })
  overridden: boolean;

  @Column({ type: 'text', name: 'override_reason', nullable: true })
  overrideReason: string | null;

  @Column({ type: 'text', name: 'classified_by' })
  classifiedBy: string;

  @Column({ type: 'timestamptz', name: 'classified_at' })
  classifiedAt: Date;

  @Generated('increment')
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;
}
