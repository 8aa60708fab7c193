import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateTransformer } from './transformers';

/** One classification of an obligor; the rows of a party are its history, the highest seq the current one. */
@Entity({ name: 'credit_profile' })
export class CreditProfileEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @Column({ type: 'text' })
  classification: 'COMPLIANT' | 'HONEST_IN_DIFFICULTY' | 'UNABLE' | 'EVASIVE';

  @Column({ type: 'text', array: true, name: 'reason_codes' })
  reasonCodes: string[];

  @Column({ type: 'date', name: 'grace_until', nullable: true, transformer: dateTransformer })
  graceUntil: string | null;

  @Column({ type: 'boolean' })
  overridden: boolean;

  @Column({ type: 'text', name: 'override_reason', nullable: true })
  overrideReason: string | null;

  @Column({ type: 'text', name: 'classified_by' })
  classifiedBy: string;

  @Column({ type: 'timestamptz', name: 'classified_at' })
  classifiedAt: Date;

  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;
}
