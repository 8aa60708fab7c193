import type { HandlerDefinition } from '@zhiyuan/db';
import type { ProjectionSettings } from '../projection/settings';
import { countEffectiveJudgment } from './count-effective-judgment-in-its-divisions.handler';
import { countUrgingStarted } from './count-urging-started.handler';
import { countUrgingPerformed } from './count-urging-performed.handler';
import { followCaseToItsNewDivision } from './follow-case-to-its-new-division.handler';
import { reopenCaseTerminatedForThisRound } from './reopen-case-terminated-for-this-round.handler';
import { excludeFiledCaseFromVoluntaryPerformance } from './exclude-filed-case-from-voluntary-performance.handler';
import { scoreClosedCase } from './score-closed-case-for-judge-and-divisions.handler';
import { countRepaymentAfterExposure } from './count-repayment-after-exposure.handler';
import { countDishonestListing } from './count-dishonest-listing.handler';
import { countDishonestListingRemoval } from './count-dishonest-listing-removal.handler';
import { trackPartnerAcknowledgementDue } from './track-partner-acknowledgement-due.handler';
import { clearPartnerAcknowledgement } from './clear-partner-acknowledgement.handler';
import { warnOnPartnerAcknowledgementOverdue } from './warn-on-partner-acknowledgement-overdue.handler';
import { countAssistanceTask } from './count-assistance-task.handler';
import { countAssistanceTaskDone } from './count-assistance-task-done.handler';
import { countOverdueAssistanceTask } from './count-overdue-assistance-task.handler';
import { countEnforcementMeetingAttendance } from './count-enforcement-meeting-attendance.handler';
import { keepAuditEntry } from './keep-audit-entry.handler';

/** The event handlers of this service, each named for the rule it carries out. */
export function createHandlers(s: ProjectionSettings): HandlerDefinition<any>[] {
  return [countEffectiveJudgment(s), countUrgingStarted(s), countUrgingPerformed(s), excludeFiledCaseFromVoluntaryPerformance(s), scoreClosedCase(s), followCaseToItsNewDivision(s), reopenCaseTerminatedForThisRound(s), countRepaymentAfterExposure(s), countDishonestListing(s), countDishonestListingRemoval(s), trackPartnerAcknowledgementDue(s), clearPartnerAcknowledgement(s), warnOnPartnerAcknowledgementOverdue(s), countAssistanceTask(s), countAssistanceTaskDone(s), countOverdueAssistanceTask(s), countEnforcementMeetingAttendance(s), keepAuditEntry];
}
