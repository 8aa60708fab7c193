import 'reflect-metadata';
import { CaseMessageEntity, CaseMessageReadEntity, HomeVisitEntity, ObligorPlanEntity } from './collaboration.entity';
import { AttachmentEntity } from './attachment.entity';
import { FormEntity } from './form.entity';
import { MeetingEntity, MeetingInviteeEntity } from './meeting.entity';
import { NotificationEntity } from './notification.entity';
import { ProposalEntity } from './proposal.entity';
import {
  CasePartyEntity,
  CaseRefEntity,
  InstalmentRefEntity,
  PartyRefEntity,
  PaymentRefEntity,
  StaffRefEntity,
} from './projections.entity';
import { TaskEntity } from './task.entity';

export * from './task.entity';
export * from './projections.entity';
export * from './notification.entity';
export * from './meeting.entity';
export * from './form.entity';
export * from './collaboration.entity';
export * from './proposal.entity';
export * from './attachment.entity';

export const entities = [
  TaskEntity,
  CaseRefEntity,
  CasePartyEntity,
  PartyRefEntity,
  StaffRefEntity,
  InstalmentRefEntity,
  PaymentRefEntity,
  NotificationEntity,
  MeetingEntity,
  MeetingInviteeEntity,
  FormEntity,
  CaseMessageEntity,
  CaseMessageReadEntity,
  ObligorPlanEntity,
  HomeVisitEntity,
  ProposalEntity,
  AttachmentEntity,
];
