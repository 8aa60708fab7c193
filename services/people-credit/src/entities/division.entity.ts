import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export type DivisionLevel = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

@Entity({ name: 'division' })
@Check('division_code_check', `code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'`)
@Check('division_level_check', `level IN ('COUNTY', 'TOWNSHIP', 'VILLAGE')`)
@Index('division_level_idx', ['level', 'code'])
// Name search by prefix (LIKE): an operator-class index TypeORM cannot declare.
@Index('division_name_idx', { synchronize: false })
export class DivisionEntity {
  /** National division code: county 6 digits, township 9, village 12. */
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  level: DivisionLevel;

  @Index('division_parent_idx')
  @ForeignKey(() => DivisionEntity, { name: 'division_parent_code_fkey' })
  @Column({ type: 'text', name: 'parent_code', nullable: true })
  parentCode: string | null;

  /** The day an updated national list re-coded or merged it away; its row stays for what still points at it. */
  @Column({ type: 'date', name: 'retired_on', nullable: true })
  retiredOn: string | null;
}
