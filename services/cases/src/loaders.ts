import { In, type DataSource } from 'typeorm';
import { listLoaderByKey, loaderByKey } from '@zhiyuan/server';
import { CaseEntity, InstalmentEntity, PerformanceEntity, SettlementEntity, TimelineEntryEntity } from './entities';

/** Built per request: one batched query per entity or relation, whatever the page size. */
export function createLoaders(ds: DataSource) {
  return {
    case: loaderByKey<string, CaseEntity>((ids) => ds.getRepository(CaseEntity).findBy({ id: In([...ids]) }), (c) => c.id),
    performancesOf: listLoaderByKey<string, PerformanceEntity>(
      (ids) => ds.getRepository(PerformanceEntity).find({ where: { caseId: In([...ids]) }, order: { recordedAt: 'ASC', id: 'ASC' } }),
      (p) => p.caseId,
    ),
    settlementsOf: listLoaderByKey<string, SettlementEntity>(
      (ids) => ds.getRepository(SettlementEntity).find({ where: { caseId: In([...ids]) }, order: { agreedAt: 'ASC' } }),
      (s) => s.caseId,
    ),
    instalmentsOf: listLoaderByKey<string, InstalmentEntity>(
      (ids) => ds.getRepository(InstalmentEntity).find({ where: { settlementId: In([...ids]) }, order: { no: 'ASC' } }),
      (i) => i.settlementId,
    ),
    timelineOf: listLoaderByKey<string, TimelineEntryEntity>(
      (ids) => ds.getRepository(TimelineEntryEntity).find({ where: { caseId: In([...ids]) }, order: { seq: 'ASC' } }),
      (t) => t.caseId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
