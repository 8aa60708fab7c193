import type { HandlerDefinition } from '@zhiyuan/db';
import { cancelOpenTasksWhenCaseCloses } from './cancel-open-tasks-when-case-closes.handler';
import { interviewObligorWhenInstalmentIsMissed } from './interview-obligor-when-instalment-is-missed.handler';
import { keepPartyDirectory } from './keep-party-directory.handler';
import { keepStaffDirectory } from './keep-staff-directory.handler';
import { openDeferredWorkWhenCaseIsRouted } from './open-deferred-work-when-case-is-routed.handler';
import { notifyAndOpenFollowUpWhenUrgingStarts } from './notify-and-open-follow-up-when-urging-starts.handler';
import { openVillageTasksWhenEnforcementIsFiled } from './open-village-tasks-when-enforcement-is-filed.handler';
import { recordCaseWhenJudgmentBecomesEffective } from './record-case-when-judgment-becomes-effective.handler';

/** The event handlers of this service, each named for the rule it carries out. */
export const handlers: HandlerDefinition<any>[] = [
  keepPartyDirectory,
  keepStaffDirectory,
  recordCaseWhenJudgmentBecomesEffective,
  notifyAndOpenFollowUpWhenUrgingStarts,
  openVillageTasksWhenEnforcementIsFiled,
  interviewObligorWhenInstalmentIsMissed,
  cancelOpenTasksWhenCaseCloses,
  openDeferredWorkWhenCaseIsRouted,
];
