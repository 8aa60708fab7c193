import { In, IsNull, type DataSource } from 'typeorm';
import { sqlRows } from '@zhiyuan/db';
import { isUuid } from '@zhiyuan/kernel';
import { listLoaderByKey, loaderByKey } from '@zhiyuan/server';
import {
  CaseProjectionEntity,
  CreditLinkChangeEntity,
  CreditLinkEntity,
  CreditProfileEntity,
  DishonestListingEntity,
  DivisionEntity,
  PartyEntity,
  StaffEntity,
} from '../entities';

/** A case a party is in, with its village or township and its judge (for visibility). */
interface CaseOfPartyRow {
  partyId: string;
  code: string | null;
  judgeId: string | null;
}

/** A department with an open task about a party (its obligor, or a party of the task's case). */
interface DepartmentOfPartyRow {
  partyId: string;
  department: string;
}

/**
 * Keeps a batch to the keys PostgreSQL can compare with a uuid column: a malformed key (from an
 * entity reference, say) resolves to nothing instead of failing the whole batch's statement.
 */
function uuidKeys<R>(run: (ids: string[]) => Promise<R[]>): (keys: readonly string[]) => Promise<R[]> {
  return async (keys) => {
    const ids = keys.filter(isUuid);
    return ids.length === 0 ? [] : run(ids);
  };
}

/**
 * The departments with an open task about each of the parties $1: tasks whose obligor the party is,
 * and tasks of a case (in the case projection) the party is an obligor or obligee of.
 */
const DEPARTMENTS_OF_PARTIES = `SELECT DISTINCT p.id::text AS "partyId", t.department
   FROM unnest($1::uuid[]) AS p(id)
   JOIN people.department_task t ON t.status = 'OPEN' AND (
     t.obligor_id = p.id
     OR t.case_id IN (SELECT c.case_id FROM people.case_projection c WHERE c.obligor_ids @> ARRAY[p.id] OR c.obligee_ids @> ARRAY[p.id]))`;

/** Built per request: one batched query per entity or relation, whatever the page size. */
export function createLoaders(ds: DataSource) {
  return {
    division: loaderByKey<string, DivisionEntity>(
      (codes) => ds.getRepository(DivisionEntity).findBy({ code: In([...codes]) }),
      (d) => d.code,
    ),
    childrenOf: listLoaderByKey<string, DivisionEntity>(
      (codes) =>
        // A retired division (re-coded by an updated list) still resolves by code, but is no child any more.
        ds
          .getRepository(DivisionEntity)
          .find({ where: { parentCode: In([...codes]), retiredOn: IsNull() }, order: { code: 'ASC' } }),
      (d) => d.parentCode!,
    ),
    staffOfDivision: listLoaderByKey<string, StaffEntity>(
      (codes) =>
        ds
          .getRepository(StaffEntity)
          .find({ where: { divisionCode: In([...codes]), active: true }, order: { name: 'ASC' } }),
      (s) => s.divisionCode!,
    ),
    party: loaderByKey<string, PartyEntity>(
      uuidKeys((ids) => ds.getRepository(PartyEntity).findBy({ id: In(ids) })),
      (p) => p.id,
    ),
    caseProjection: loaderByKey<string, CaseProjectionEntity>(
      uuidKeys((ids) => ds.getRepository(CaseProjectionEntity).findBy({ caseId: In(ids) })),
      (c) => c.caseId,
    ),
    staff: loaderByKey<string, StaffEntity>(
      uuidKeys((ids) => ds.getRepository(StaffEntity).findBy({ id: In(ids) })),
      (s) => s.id,
    ),
    listing: loaderByKey<string, DishonestListingEntity>(
      uuidKeys((ids) => ds.getRepository(DishonestListingEntity).findBy({ id: In(ids) })),
      (l) => l.id,
    ),
    listingsOfCase: listLoaderByKey<string, DishonestListingEntity>(
      uuidKeys((ids) =>
        ds.getRepository(DishonestListingEntity).find({ where: { caseId: In(ids) }, order: { listedAt: 'ASC' } }),
      ),
      (l) => l.caseId,
    ),
    listingsOfParty: listLoaderByKey<string, DishonestListingEntity>(
      (ids) =>
        ds.getRepository(DishonestListingEntity).find({ where: { partyId: In([...ids]) }, order: { listedAt: 'ASC' } }),
      (l) => l.partyId,
    ),
    profilesOfParty: listLoaderByKey<string, CreditProfileEntity>(
      (ids) => ds.getRepository(CreditProfileEntity).find({ where: { partyId: In([...ids]) }, order: { seq: 'DESC' } }),
      (p) => p.partyId,
    ),
    linksOfParty: listLoaderByKey<string, CreditLinkEntity>(
      (ids) =>
        ds.getRepository(CreditLinkEntity).find({ where: { partyId: In([...ids]) }, order: { department: 'ASC' } }),
      (l) => l.partyId,
    ),
    /** The cases a party is in (as obligor or obligee): their village or township and their judge, for visibility. */
    casesOfParty: listLoaderByKey<string, CaseOfPartyRow>(
      uuidKeys((ids) =>
        sqlRows<CaseOfPartyRow>(
          ds,
          `SELECT p.id::text AS "partyId", coalesce(c.village_code, c.township_code) AS code, c.judge_id::text AS "judgeId"
             FROM unnest($1::uuid[]) AS p(id)
             JOIN people.case_projection c ON c.obligor_ids @> ARRAY[p.id] OR c.obligee_ids @> ARRAY[p.id]`,
          [ids],
        ),
      ),
      (r) => r.partyId,
    ),
    /** The departments with an open task about a party, for a county department's read of it. */
    departmentsOfParty: listLoaderByKey<string, DepartmentOfPartyRow>(
      uuidKeys((ids) => sqlRows<DepartmentOfPartyRow>(ds, `${DEPARTMENTS_OF_PARTIES} ORDER BY 1, 2`, [ids])),
      (r) => r.partyId,
    ),
    /** Key: `${partyId}:${department}`. */
    linkHistory: listLoaderByKey<string, CreditLinkChangeEntity>(
      (keys) =>
        ds.getRepository(CreditLinkChangeEntity).find({
          where: { partyId: In([...new Set(keys.map((k) => k.split(':')[0]!))]) },
          order: { changedAt: 'ASC' },
        }),
      (c) => `${c.partyId}:${c.department}`,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
