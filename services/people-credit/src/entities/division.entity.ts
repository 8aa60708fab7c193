import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type DivisionLevel = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

@Entity({ name: 'division' })
export class DivisionEntity {
  /** National division code: county 6 digits, township 9, village 12. */
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  level: DivisionLevel;

  @Index()
  @Column({ type: 'text', name: 'parent_code', nullable: true })
  parentCode: string | null;
}
