import { IndexCaseObligees1764200000000 } from './1764200000000-IndexCaseObligees';
import { CreatePeopleSchema1732406400000 } from './1732406400000-CreatePeopleSchema';
import { AddPartiesStaffAndCredit1732500000000 } from './1732500000000-AddPartiesStaffAndCredit';
import { AddJudgeToCaseProjection1764800000000 } from './1764800000000-AddJudgeToCaseProjection';
import { AddPartnerAckCursor1764900000000 } from './1764900000000-AddPartnerAckCursor';
import { CreateIdempotencyKeys1765000000000 } from './1765000000000-CreateIdempotencyKeys';
import { CreateDepartmentTasks1765100000000 } from './1765100000000-CreateDepartmentTasks';
import { CreatePartySignIn1797300000000 } from './1797300000000-CreatePartySignIn';
import { CreateWebhooks1797500000000 } from './1797500000000-CreateWebhooks';
import { AddDivisionCodeChanges1798100000000 } from './1798100000000-AddDivisionCodeChanges';
import { OrderCaseProjectionUpdates1798200000000 } from './1798200000000-OrderCaseProjectionUpdates';

/** In order; never edit a migration once merged, add a new one. */
export const migrations = [
  CreatePeopleSchema1732406400000,
  AddPartiesStaffAndCredit1732500000000,
  IndexCaseObligees1764200000000,
  AddJudgeToCaseProjection1764800000000,
  AddPartnerAckCursor1764900000000,
  CreateIdempotencyKeys1765000000000,
  CreateDepartmentTasks1765100000000,
  CreatePartySignIn1797300000000,
  CreateWebhooks1797500000000,
  AddDivisionCodeChanges1798100000000,
  OrderCaseProjectionUpdates1798200000000,
];
