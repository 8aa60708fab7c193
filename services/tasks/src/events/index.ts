import type { HandlerDefinition } from '@zhiyuan/db';
import type { NoticeOff } from '../domain/notices';
import { cancelOpenTasksWhenCaseCloses } from './cancel-open-tasks-when-case-closes.handler';
import { interviewObligorWhenInstalmentIsMissed } from './interview-obligor-when-instalment-is-missed.handler';
import {
  keepInstalmentScheduleOnClose,
  keepInstalmentScheduleOnMiss,
  keepInstalmentScheduleOnPayment,
  keepInstalmentScheduleOnSettlement,
} from './keep-instalment-schedule.handler';
import { keepPartyDirectory } from './keep-party-directory.handler';
import { keepStaffDirectory } from './keep-staff-directory.handler';
import { notifyObligeeWhenPaymentIsRecorded } from './notify-obligee-when-payment-is-recorded.handler';
import { notifyObligorWhenInstalmentIsMissed } from './notify-obligor-when-instalment-is-missed.handler';
import { notifyObligorWhenListingIsAdded } from './notify-obligor-when-listing-is-added.handler';
import { notifyObligorWhenListingIsRemoved } from './notify-obligor-when-listing-is-removed.handler';
import { notifyPartiesWhenCaseCloses } from './notify-parties-when-case-closes.handler';
import { notifyPartiesWhenEnforcementIsFiled } from './notify-parties-when-enforcement-is-filed.handler';
import { notifyPartiesWhenSettlementIsAgreed } from './notify-parties-when-settlement-is-agreed.handler';
import { openDeferredWorkWhenCaseIsRouted } from './open-deferred-work-when-case-is-routed.handler';
import { notifyAndOpenFollowUpWhenUrgingStarts } from './notify-and-open-follow-up-when-urging-starts.handler';
import { openVillageTasksWhenEnforcementIsFiled } from './open-village-tasks-when-enforcement-is-filed.handler';
import { recordCaseWhenJudgmentBecomesEffective } from './record-case-when-judgment-becomes-effective.handler';
import { tellOfficerWhenAssetLeadIsReported } from './tell-officer-when-asset-lead-is-reported.handler';
import { mediateWhenProposalIsDeclined } from './mediate-when-proposal-is-declined.handler';
import { openResearchTaskWhenResearchFallsDue } from './open-research-task-when-research-falls-due.handler';
import { finishResearchTaskWhenResearchIsRecorded } from './finish-research-task-when-research-is-recorded.handler';

/**
 * The event handlers of this service, each named for the rule it carries out; the parties' notices of
 * the case's steps leave out what `noticesOff` (NOTICES_OFF) switches off.
 */
export function createHandlers(noticesOff: readonly NoticeOff[]): HandlerDefinition<any>[] {
  return [
    keepPartyDirectory,
    keepStaffDirectory,
    recordCaseWhenJudgmentBecomesEffective,
    notifyAndOpenFollowUpWhenUrgingStarts,
    openVillageTasksWhenEnforcementIsFiled,
    interviewObligorWhenInstalmentIsMissed,
    mediateWhenProposalIsDeclined,
    cancelOpenTasksWhenCaseCloses,
    tellOfficerWhenAssetLeadIsReported,
    openResearchTaskWhenResearchFallsDue,
    finishResearchTaskWhenResearchIsRecorded,
    openDeferredWorkWhenCaseIsRouted,
    keepInstalmentScheduleOnSettlement,
    keepInstalmentScheduleOnPayment,
    keepInstalmentScheduleOnMiss,
    keepInstalmentScheduleOnClose,
    notifyPartiesWhenEnforcementIsFiled(noticesOff),
    notifyObligeeWhenPaymentIsRecorded(noticesOff),
    notifyObligorWhenInstalmentIsMissed(noticesOff),
    notifyPartiesWhenSettlementIsAgreed(noticesOff),
    notifyObligorWhenListingIsAdded(noticesOff),
    notifyObligorWhenListingIsRemoved(noticesOff),
    notifyPartiesWhenCaseCloses(noticesOff),
  ];
}

/** The handlers with every notice on (the documented default of NOTICES_OFF). */
export const handlers: HandlerDefinition<any>[] = createHandlers([]);
