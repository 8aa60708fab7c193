import { CreateMetricsSchema1732406400000 } from './1732406400000-CreateMetricsSchema';
import { CreateReadModels1764028800000 } from './1764028800000-CreateReadModels';
import { CreateAuditLog1764100000000 } from './1764100000000-CreateAuditLog';
import { ProjectIncrementally1764200000000 } from './1764200000000-ProjectIncrementally';
import { AddPaymentReversal1764288000000 } from './1764288000000-AddPaymentReversal';
import { CreateIdempotencyKeys1765000000000 } from './1765000000000-CreateIdempotencyKeys';
import { AddAuditChanges1797100100000 } from './1797100100000-AddAuditChanges';
import { AddWarningAcknowledgement1797180000000 } from './1797180000000-AddWarningAcknowledgement';
import { AddRevivedCaseFigures1797200000000 } from './1797200000000-AddRevivedCaseFigures';
import { CreateProposalFacts1797400000001 } from './1797400000001-CreateProposalFacts';
import { AddWarningResolution1797600000000 } from './1797600000000-AddWarningResolution';

/** In order; never edit a migration once merged, add a new one. */
export const migrations = [
  CreateMetricsSchema1732406400000,
  CreateReadModels1764028800000,
  CreateAuditLog1764100000000,
  ProjectIncrementally1764200000000,
  AddPaymentReversal1764288000000,
  CreateIdempotencyKeys1765000000000,
  AddAuditChanges1797100100000,
  AddWarningAcknowledgement1797180000000,
  AddRevivedCaseFigures1797200000000,
  CreateProposalFacts1797400000001,
  AddWarningResolution1797600000000,
];
