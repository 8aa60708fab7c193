import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'case_message' })
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

  @Column({ type: 'timestamptz', name: 'created_at' })
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

  @Column({ type: 'jsonb', name: 'next_steps' })
  nextSteps: string[];

  @Column({ type: 'uuid', name: 'owner_staff_id', nullable: true })
  ownerStaffId: string | null;

  @Column({ type: 'text', name: 'updated_by' })
  updatedBy: string;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

@Entity({ name: 'home_visit' })
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

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
