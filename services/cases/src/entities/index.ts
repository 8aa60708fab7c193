import 'reflect-metadata';
import { CaseEntity } from './case.entity';
import { PerformanceEntity } from './performance.entity';
import { PartyRouteEntity, StaffMemberEntity } from './projections.entity';
import { InstalmentEntity, SettlementEntity } from './settlement.entity';
import { TimelineEntryEntity } from './timeline.entity';

export { CaseEntity, PerformanceEntity, PartyRouteEntity, StaffMemberEntity, InstalmentEntity, SettlementEntity, TimelineEntryEntity };
export const entities = [CaseEntity, PerformanceEntity, PartyRouteEntity, StaffMemberEntity, InstalmentEntity, SettlementEntity, TimelineEntryEntity];
