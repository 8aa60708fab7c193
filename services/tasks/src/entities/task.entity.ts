import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'task' })
export class TaskEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index()
  @Column({ type: 'uuid', name: 'case_id', nullable: true })
  caseId: string | null;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  level: string;

  @Column({ type: 'text' })
  status: string;

  @Index()
  @Column({ type: 'text', name: 'division_code' })
  divisionCode: string;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt: Date;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
