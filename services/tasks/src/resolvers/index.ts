import { SCALARS } from '@zhiyuan/kernel';
import type { Resolvers } from '../generated/resolvers-types';
import { Attachment } from './Attachment';
import { Case } from './Case';
import { CaseMessage, HomeVisit, ObligorPlan } from './Collaboration';
import { Division } from './Division';
import { EnforcementMeeting, MeetingInvitee } from './EnforcementMeeting';
import { PropertyDeclaration, WhereaboutsFeedback } from './Forms';
import { Mutation } from './Mutation';
import { Notification } from './Notification';
import { Party } from './Party';
import { Proposal } from './Proposal';
import { Query } from './Query';
import { Subscription } from './Subscription';
import { Task } from './Task';

export const resolvers: Resolvers = {
  ...SCALARS,
  Query,
  Mutation,
  Subscription,
  Task,
  Case,
  Party,
  Division,
  Notification,
  EnforcementMeeting,
  MeetingInvitee,
  WhereaboutsFeedback,
  PropertyDeclaration,
  CaseMessage,
  ObligorPlan,
  HomeVisit,
  Proposal,
  Attachment,
};
