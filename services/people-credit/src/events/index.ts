import type { HandlerDefinition } from '@zhiyuan/db';
import { grantGracePeriodWhenProposalIsAccepted } from './grant-grace-period-when-proposal-is-accepted.handler';
import { keepCaseObligationsProjection } from './keep-case-obligations-projection.handler';
import { keepDepartmentTasks } from './keep-department-tasks.handler';
import { reclassifyProfileWhenFormIsSubmitted } from './reclassify-profile-when-form-is-submitted.handler';
import { reclassifyProfileWhenInstalmentIsMissed } from './reclassify-profile-when-instalment-is-missed.handler';
import { removeListingWhenCaseCloses } from './remove-listing-when-case-closes.handler';
import { removeListingWhenObligationIsPerformed } from './remove-listing-when-obligation-is-performed.handler';
import { reopenObligationWhenCaseIsReopened } from './reopen-obligation-when-case-is-reopened.handler';
import { reopenObligationWhenPaymentIsReversed } from './reopen-obligation-when-payment-is-reversed.handler';

/** The event handlers of this service, each named for the rule it carries out. */
export const handlers: HandlerDefinition<any>[] = [
  keepCaseObligationsProjection,
  keepDepartmentTasks,
  removeListingWhenObligationIsPerformed,
  removeListingWhenCaseCloses,
  reclassifyProfileWhenInstalmentIsMissed,
  reclassifyProfileWhenFormIsSubmitted,
  reopenObligationWhenPaymentIsReversed,
  reopenObligationWhenCaseIsReopened,
  grantGracePeriodWhenProposalIsAccepted,
];
