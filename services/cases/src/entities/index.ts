import 'reflect-metadata';
import { CaseEntity } from './case.entity';
import { PerformanceEntity, PerformanceReversalEntity } from './performance.entity';
import { DivisionNameEntity, PartyRouteEntity, StaffMemberEntity } from './projections.entity';
import { InstalmentEntity, SettlementEntity } from './settlement.entity';
import { TimelineEntryEntity } from './timeline.entity';

export {
  CaseEntity,
  PerformanceEntity,
  PerformanceReversalEntity,
  PartyRouteEntity,
  StaffMemberEntity,
  DivisionNameEntity,
  InstalmentEntity,
  SettlementEntity,
  TimelineEntryEntity,
};
export const entities = [
  CaseEntity,
  PerformanceEntity,
  PerformanceReversalEntity,
  PartyRouteEntity,
  StaffMemberEntity,
  DivisionNameEntity,
  InstalmentEntity,
  SettlementEntity,
  TimelineEntryEntity,
];
