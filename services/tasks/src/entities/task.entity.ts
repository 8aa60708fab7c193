import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export type TaskType =
  | 'LOCATE_PERSON'
  | 'FIND_ASSETS'
  | 'SERVE_DOCUMENT'
  | 'INTERVIEW'
  | 'MEDIATE'
  | 'HOME_VISIT'
  | 'FOLLOW_UP_CALL'
  | 'CONFIRM_PAYMENT'
  | 'ACT_ON_ASSET_LEAD'
  | 'RESEARCH_ASSETS';
export type TaskLevel = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';
export type TaskStatus = 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

export interface TaskResultData {
  outcome: 'ACCOMPLISHED' | 'PARTIAL' | 'NOT_ACCOMPLISHED';
  summary: string;
  contactMade?: boolean | null;
  formId?: string | null;
}

@Entity({ name: 'task' })
@Check('task_level_check', `level IN ('COUNTY', 'TOWNSHIP', 'VILLAGE')`)
@Check('task_status_check', `status IN ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')`)
@Check('task_origin_check', `origin IN ('AUTO', 'MANUAL')`)
@Check('task_escalated_level_check', `escalated_level IN ('COUNTY', 'TOWNSHIP', 'VILLAGE')`)
@Check(
  'task_type_check',
  `type IN ('LOCATE_PERSON', 'FIND_ASSETS', 'SERVE_DOCUMENT', 'INTERVIEW', 'MEDIATE', 'HOME_VISIT', 'FOLLOW_UP_CALL', 'CONFIRM_PAYMENT', 'ACT_ON_ASSET_LEAD', 'RESEARCH_ASSETS')`,
)
@Unique('task_rule_key_key', ['ruleKey'])
@Index('task_case_idx', ['caseId'])
@Index('task_division_status_idx', ['divisionCode', 'status'])
@Index('task_assignee_idx', ['assigneeId', 'status', 'dueAt'])
@Index('task_obligor_idx', ['obligorId'])
// Prefix lists (text_pattern_ops) and partial indexes, which TypeORM cannot express.
@Index('task_division_prefix_idx', { synchronize: false })
@Index('task_department_idx', { synchronize: false })
@Index('task_open_due_idx', { synchronize: false })
@Index('task_overdue_idx', { synchronize: false })
export class TaskEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'case_id', nullable: true })
  caseId: string | null;

  @Column({ type: 'uuid', name: 'obligor_id', nullable: true })
  obligorId: string | null;

  @Column({ type: 'text' })
  type: TaskType;

  @Column({ type: 'text' })
  level: TaskLevel;

  @Column({ type: 'text' })
  status: TaskStatus;

  @Column({ type: 'text', default: '' })
  title: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text', name: 'division_code' })
  divisionCode: string;

  @Column({ type: 'uuid', name: 'assignee_id', nullable: true })
  assigneeId: string | null;

  @Column({ type: 'text', name: 'assignee_department', nullable: true })
  assigneeDepartment: string | null;

  @Column({ type: 'text', default: 'MANUAL' })
  origin: 'AUTO' | 'MANUAL';

  @Column({ type: 'text', name: 'rule_key', nullable: true })
  ruleKey: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result: TaskResultData | null;

  @Column({ type: 'text', name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'text', name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt: Date;

  @Column({ type: 'timestamptz', name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'overdue_at', nullable: true })
  overdueAt: Date | null;

  @Column({ type: 'text', name: 'escalated_level', nullable: true })
  escalatedLevel: TaskLevel | null;

  @Column({ type: 'timestamptz', name: 'escalated_at', nullable: true })
  escalatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

export const TASK_STATUS_OPEN: TaskStatus[] = ['OPEN', 'IN_PROGRESS'];
