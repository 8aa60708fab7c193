import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import type { Identity } from '@zhiyuan/auth';
import { listLoaderByKey, loaderByKey } from '@zhiyuan/server';
import { isUuid } from '@zhiyuan/kernel';
import { listCasesOfMany, type CaseConnection, type CaseRelationRequest } from './cases';
import {
  AssetLeadEntity,
  CaseEntity,
  DivisionNameEntity,
  InstalmentEntity,
  PerformanceEntity,
  SettlementEntity,
  SettlementAttachmentEntity,
  StaffMemberEntity,
  TimelineEntryEntity,
} from '../entities';

/** Built per request: one batched query per entity or relation, whatever the page size. */
export function createLoaders(ds: DataSource, identity: Identity) {
  // Malformed ids (from `_entities` representations) find nothing rather than failing the batch.
  const caseById = loaderByKey<string, CaseEntity>(
    (ids) => {
      const valid = ids.filter(isUuid);
      return valid.length ? ds.getRepository(CaseEntity).findBy({ id: In(valid) }) : Promise.resolve([]);
    },
    (c) => c.id,
  );
  const loadCases = async (ids: string[]) => {
    const rows = await ds.getRepository(CaseEntity).findBy({ id: In(ids) });
    for (const c of rows) caseById.prime(c.id, c);
    return rows;
  };
  return {
    case: caseById,
    /** Party.cases, Division.cases and Staff.cases of every entity in one _entities call, together. */
    casesOf: new DataLoader<CaseRelationRequest, CaseConnection, string>(
      (requests) => listCasesOfMany(ds, identity, requests, loadCases),
      { cacheKeyFn: (r) => JSON.stringify(r) },
    ),
    performancesOf: listLoaderByKey<string, PerformanceEntity>(
      (ids) =>
        ds.getRepository(PerformanceEntity).find({
          where: { caseId: In([...ids]) },
          relations: { reversal: true },
          order: { recordedAt: 'ASC', id: 'ASC' },
        }),
      (p) => p.caseId,
    ),
    assetLeadsOf: listLoaderByKey<string, AssetLeadEntity>(
      (ids) =>
        ds.getRepository(AssetLeadEntity).find({
          where: { caseId: In([...ids]) },
          order: { reportedAt: 'ASC', id: 'ASC' },
        }),
      (l) => l.caseId,
    ),
    settlementsOf: listLoaderByKey<string, SettlementEntity>(
      (ids) => ds.getRepository(SettlementEntity).find({ where: { caseId: In([...ids]) }, order: { agreedAt: 'ASC' } }),
      (s) => s.caseId,
    ),
    settlement: loaderByKey<string, SettlementEntity>(
      (ids) => {
        const valid = ids.filter(isUuid);
        return valid.length ? ds.getRepository(SettlementEntity).findBy({ id: In(valid) }) : Promise.resolve([]);
      },
      (s) => s.id,
    ),
    settlementAttachment: loaderByKey<string, SettlementAttachmentEntity>(
      (ids) => {
        const valid = ids.filter(isUuid);
        return valid.length
          ? ds.getRepository(SettlementAttachmentEntity).findBy({ id: In(valid) })
          : Promise.resolve([]);
      },
      (a) => a.id,
    ),
    /** STORED only, oldest first. */
    attachmentsOfSettlement: listLoaderByKey<string, SettlementAttachmentEntity>(
      (ids) =>
        ds.getRepository(SettlementAttachmentEntity).find({
          where: { settlementId: In([...ids]), status: 'STORED' },
          order: { requestedAt: 'ASC', id: 'ASC' },
        }),
      (a) => a.settlementId,
    ),
    instalmentsOf: listLoaderByKey<string, InstalmentEntity>(
      (ids) => ds.getRepository(InstalmentEntity).find({ where: { settlementId: In([...ids]) }, order: { no: 'ASC' } }),
      (i) => i.settlementId,
    ),
    timelineOf: listLoaderByKey<string, TimelineEntryEntity>(
      (ids) => ds.getRepository(TimelineEntryEntity).find({ where: { caseId: In([...ids]) }, order: { seq: 'ASC' } }),
      (t) => t.caseId,
    ),
    /** Names for timeline texts, from the staff projection (ids that are not uuids find nothing). */
    staffName: loaderByKey<string, StaffMemberEntity>(
      (ids) => {
        const valid = ids.filter(isUuid);
        return valid.length
          ? ds
              .getRepository(StaffMemberEntity)
              .find({ select: { staffId: true, name: true }, where: { staffId: In(valid) } })
          : Promise.resolve([]);
      },
      (s) => s.staffId,
    ),
    divisionName: loaderByKey<string, DivisionNameEntity>(
      (codes) => ds.getRepository(DivisionNameEntity).findBy({ code: In([...codes]) }),
      (d) => d.code,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
