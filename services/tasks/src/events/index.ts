import type { HandlerDefinition } from '@zhiyuan/db';
import type { NoticeOff } from '../domain/notices';
import type { SlaDays } from '../domain/task-rules';
import { cancelOpenTasksWhenCaseCloses } from './cancel-open-tasks-when-case-closes.handler';
import { reopenCaseWhenCaseIsReopened } from './reopen-case-when-case-is-reopened.handler';
import { interviewObligorWhenInstalmentIsMissedWith } from './interview-obligor-when-instalment-is-missed.handler';
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
import { openDeferredWorkWhenCaseIsRoutedWith } from './open-deferred-work-when-case-is-routed.handler';
import { notifyAndOpenFollowUpWhenUrgingStartsWith } from './notify-and-open-follow-up-when-urging-starts.handler';
import { openVillageTasksWhenEnforcementIsFiledWith } from './open-village-tasks-when-enforcement-is-filed.handler';
import { recordCaseWhenJudgmentBecomesEffective } from './record-case-when-judgment-becomes-effective.handler';
import { tellOfficerWhenAssetLeadIsReported } from './tell-officer-when-asset-lead-is-reported.handler';
import { mediateWhenProposalIsDeclinedWith } from './mediate-when-proposal-is-declined.handler';
import { openResearchTaskWhenResearchFallsDue } from './open-research-task-when-research-falls-due.handler';
import { finishResearchTaskWhenResearchIsRecorded } from './finish-research-task-when-research-is-recorded.handler';

/**
 * The event handlers of this service, each named for the rule it carries out; the parties' notices of
 * the case's steps leave out what `noticesOff` (NOTICES_OFF) switches off; automatic tasks get the days
 * `sla` (TASK_SLA_DAYS) gives their type, else the rule table's.
 */
export function createHandlers(noticesOff: readonly NoticeOff[], sla: SlaDays = {}): HandlerDefinition<any>[] {
  return [
    keepPartyDirectory,
    keepStaffDirectory,
    recordCaseWhenJudgmentBecomesEffective,
    notifyAndOpenFollowUpWhenUrgingStartsWith(sla),
    openVillageTasksWhenEnforcementIsFiledWith(sla),
    interviewObligorWhenInstalmentIsMissedWith(sla),
    mediateWhenProposalIsDeclinedWith(sla),
    cancelOpenTasksWhenCaseCloses,
    reopenCaseWhenCaseIsReopened,
    tellOfficerWhenAssetLeadIsReported,
    openResearchTaskWhenResearchFallsDue,
    finishResearchTaskWhenResearchIsRecorded,
    openDeferredWorkWhenCaseIsRoutedWith(sla),
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
