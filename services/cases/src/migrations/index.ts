import { CreateSettlementAttachments1797300000000 } from './1797300000000-CreateSettlementAttachments';
import { CreateCasesSchema1732406400000 } from './1732406400000-CreateCasesSchema';
import { CreateCaseTables1764028800000 } from './1764028800000-CreateCaseTables';
import { AddSettlementAgreedOn1764115200000 } from './1764115200000-AddSettlementAgreedOn';
import { PartialIndexesOnUnsetColumns1764201600000 } from './1764201600000-PartialIndexesOnUnsetColumns';
import { AddPerformanceReversal1764288000000 } from './1764288000000-AddPerformanceReversal';
import { CreateIdempotencyKeys1765000000000 } from './1765000000000-CreateIdempotencyKeys';
import { StructureTimelineEntries1797100000000 } from './1797100000000-StructureTimelineEntries';
import { AddAssetLeads1797600000000 } from './1797600000000-AddAssetLeads';

/** In order; never edit a migration once merged, add a new one. */
export const migrations = [
  CreateCasesSchema1732406400000,
  CreateCaseTables1764028800000,
  AddSettlementAgreedOn1764115200000,
  PartialIndexesOnUnsetColumns1764201600000,
  AddPerformanceReversal1764288000000,
  CreateIdempotencyKeys1765000000000,
  StructureTimelineEntries1797100000000,
  AddAssetLeads1797600000000,
  CreateSettlementAttachments1797300000000,
];
