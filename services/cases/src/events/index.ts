import type { HandlerDefinition } from '@zhiyuan/db';
import type { CaseSettings } from '../config';
import { agreeSettlementWhenProposalIsAccepted } from './agree-settlement-when-proposal-is-accepted.handler';
import { assignOfficerOnStaffRegistered, assignOfficerOnStaffUpdated } from './assign-township-officer.handler';
import { recordMeetingPayments } from './record-meeting-payments.handler';
import { recordProposalStepsOnTimeline } from './record-proposal-steps-on-timeline.handler';
import { routeCasesOnPartyRegistered, routeCasesOnPartyUpdated } from './route-cases-to-obligor-home.handler';

/** The event handlers of this service, each named for the rule it carries out. */
export const createHandlers = (settings: CaseSettings): HandlerDefinition<any>[] => [
  routeCasesOnPartyRegistered,
  routeCasesOnPartyUpdated,
  assignOfficerOnStaffRegistered,
  assignOfficerOnStaffUpdated,
  recordMeetingPayments(settings),
  agreeSettlementWhenProposalIsAccepted(settings),
  recordProposalStepsOnTimeline,
];
