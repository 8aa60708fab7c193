import { CreateTasksSchema1732406400000 } from './1732406400000-CreateTasksSchema';
import { CreateTaskWorkTables1732500000000 } from './1732500000000-CreateTaskWorkTables';
import { CreateDeferredCaseWork1764115200000 } from './1764115200000-CreateDeferredCaseWork';
import { CreateIdempotencyKeys1765000000000 } from './1765000000000-CreateIdempotencyKeys';
import { CreateInstalmentProjection1796256000000 } from './1796256000000-CreateInstalmentProjection';
import { CreateAttachments1797300000000 } from './1797300000000-CreateAttachments';
import { AddHomeVisitAttachments1797800000000 } from './1797800000000-AddHomeVisitAttachments';
import { CreateProposals1797400000000 } from './1797400000000-CreateProposals';
import { AddAssetLeadTaskType1797600000000 } from './1797600000000-AddAssetLeadTaskType';
import { OrderCaseRefStates1798200000000 } from './1798200000000-OrderCaseRefStates';

/** In order; never edit a migration once merged, add a new one. */
export const migrations = [
  CreateTasksSchema1732406400000,
  CreateTaskWorkTables1732500000000,
  CreateDeferredCaseWork1764115200000,
  CreateIdempotencyKeys1765000000000,
  CreateInstalmentProjection1796256000000,
  CreateProposals1797400000000,
  AddAssetLeadTaskType1797600000000,
  CreateAttachments1797300000000,
  AddHomeVisitAttachments1797800000000,
  OrderCaseRefStates1798200000000,
];
