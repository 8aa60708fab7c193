import 'reflect-metadata';
import { AssetLeadEntity } from './asset-lead.entity';
import { CaseEntity } from './case.entity';
import { PerformanceEntity, PerformanceReversalEntity } from './performance.entity';
import { DivisionNameEntity, PartyRouteEntity, StaffMemberEntity } from './projections.entity';
import { InstalmentEntity, SettlementEntity } from './settlement.entity';
import { SettlementAttachmentEntity } from './settlement-attachment.entity';
import { TimelineEntryEntity } from './timeline.entity';

export {
  AssetLeadEntity,
  CaseEntity,
  PerformanceEntity,
  PerformanceReversalEntity,
  PartyRouteEntity,
  StaffMemberEntity,
  DivisionNameEntity,
  InstalmentEntity,
  SettlementEntity,
  SettlementAttachmentEntity,
  TimelineEntryEntity,
};
export const entities = [
  AssetLeadEntity,
  CaseEntity,
  PerformanceEntity,
  PerformanceReversalEntity,
  PartyRouteEntity,
  StaffMemberEntity,
  DivisionNameEntity,
  InstalmentEntity,
  SettlementEntity,
  SettlementAttachmentEntity,
  TimelineEntryEntity,
];
