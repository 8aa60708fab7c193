import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { DivisionEntity } from './division.entity';

/** A province (2 digits) or prefecture (4 digits) above the counties, as the national list names it. */
@Entity({ name: 'division_region' })
@Check('division_region_code_check', `code ~ '^[0-9]{2}([0-9]{2})?$'`)
@Check('division_region_level_check', `level IN ('PROVINCE', 'PREFECTURE')`)
export class DivisionRegionEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  level: 'PROVINCE' | 'PREFECTURE';

  @ForeignKey(() => DivisionRegionEntity, { name: 'division_region_parent_code_fkey' })
  @Column({ type: 'text', name: 'parent_code', nullable: true })
  parentCode: string | null;
}

/** A rename (same code, new name) or a re-coding (old code → new code, a merge included) an import applied. */
@Entity({ name: 'division_code_change' })
@Check('division_code_change_kind_check', `kind IN ('RENAMED', 'RECODED')`)
@Index('division_code_change_once_idx', ['oldCode', 'kind', 'effectiveOn'], { unique: true })
export class DivisionCodeChangeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @ForeignKey(() => DivisionEntity, { name: 'division_code_change_old_code_fkey' })
  @Column({ type: 'text', name: 'old_code' })
  oldCode: string;

  @Index('division_code_change_new_idx')
  @ForeignKey(() => DivisionEntity, { name: 'division_code_change_new_code_fkey' })
  @Column({ type: 'text', name: 'new_code' })
  newCode: string;

  @Column({ type: 'text' })
  kind: 'RENAMED' | 'RECODED';

  @Column({ type: 'text', name: 'old_name' })
  oldName: string;

  @Column({ type: 'text', name: 'new_name' })
  newName: string;

  @Column({ type: 'date', name: 'effective_on' })
  effectiveOn: string;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;

  @Column({ type: 'text', name: 'recorded_by' })
  recordedBy: string;
}
