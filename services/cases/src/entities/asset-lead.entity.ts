import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { fen } from './columns';

/** A new lead on the assets of an obligor whose case was terminated for this round (终本), filed by the village. */
@Entity({ name: 'asset_lead' })
@Check('asset_lead_estimated_value_fen_check', 'estimated_value_fen >= 0')
@Index('asset_lead_case_idx', ['caseId', 'reportedAt'])
export class AssetLeadEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { nullable: false })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'asset_lead_case_id_fkey' })
  case?: CaseEntity;

  @Column({ type: 'text' })
  what: string;

  @Column({ type: 'text' })
  where: string;

  @Column({ type: 'bigint', name: 'estimated_value_fen', transformer: fen })
  estimatedValueFen: number;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text', name: 'reported_by' })
  reportedBy: string;

  @Column({ type: 'timestamptz', name: 'reported_at' })
  reportedAt: Date;

  @Column({ type: 'text', name: 'reopened_by', nullable: true })
  reopenedBy: string | null;

  @Column({ type: 'timestamptz', name: 'reopened_at', nullable: true })
  reopenedAt: Date | null;
}
