import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A task assigned to a partner or county department, from task events: the department reads the
 * parties of its open tasks (the obligor, and the obligors and obligees of the task's case). Closed
 * tasks stay as the record of what was assigned.
 */
@Entity({ name: 'department_task' })
@Check('department_task_status_check', `status IN ('OPEN', 'DONE', 'CANCELLED')`)
// The open tasks of a department, and the tasks of an obligor or a case (partial).
@Index('department_task_open_idx', { synchronize: false })
@Index('department_task_obligor_idx', { synchronize: false })
@Index('department_task_case_idx', { synchronize: false })
export class DepartmentTaskEntity {
  @PrimaryColumn({ type: 'uuid', name: 'task_id' })
  taskId: string;

  @Column({ type: 'text' })
  department: string;

  @Column({ type: 'uuid', name: 'case_id', nullable: true })
  caseId: string | null;

  @Column({ type: 'uuid', name: 'obligor_id', nullable: true })
  obligorId: string | null;

  @Column({ type: 'text', default: 'OPEN' })
  status: 'OPEN' | 'DONE' | 'CANCELLED';

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
