import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'case_message' })
@Index('case_message_case_idx', ['caseId', 'createdAt'])
export class CaseMessageEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'text', name: 'author_sub' })
  authorSub: string;

  @Column({ type: 'text', name: 'author_role' })
  authorRole: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

@Entity({ name: 'case_message_read' })
export class CaseMessageReadEntity {
  @PrimaryColumn({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @PrimaryColumn({ type: 'text', name: 'reader_sub' })
  readerSub: string;

  @Column({ type: 'timestamptz', name: 'last_read_at' })
  lastReadAt: Date;
}

/** One plan per obligor (一人一策), kept by the village mediation director. */
@Entity({ name: 'obligor_plan' })
export class ObligorPlanEntity {
  @PrimaryColumn({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @Column({ type: 'uuid', name: 'case_id', nullable: true })
  caseId: string | null;

  @Column({ type: 'text' })
  approach: string;

  @Column({ type: 'jsonb', name: 'next_steps', default: [] })
  nextSteps: string[];

  @Column({ type: 'uuid', name: 'owner_staff_id', nullable: true })
  ownerStaffId: string | null;

  @Column({ type: 'text', name: 'updated_by' })
  updatedBy: string;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

@Entity({ name: 'home_visit' })
@Index('home_visit_party_idx', ['partyId', 'visitedOn'])
export class HomeVisitEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @Column({ type: 'uuid', name: 'case_id', nullable: true })
  caseId: string | null;

  @Column({ type: 'date', name: 'visited_on' })
  visitedOn: string;

  @Column({ type: 'text', name: 'visitor_sub' })
  visitorSub: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
