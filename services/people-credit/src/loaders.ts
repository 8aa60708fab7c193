import { In, type DataSource } from 'typeorm';
import { listLoaderByKey, loaderByKey } from '@zhiyuan/server';
import { CreditLinkChangeEntity, CreditLinkEntity, CreditProfileEntity, DishonestListingEntity, DivisionEntity, PartyEntity, StaffEntity } from './entities';

/** Built per request: one batched query per entity or relation, whatever the page size. */
export function createLoaders(ds: DataSource) {
  return {
    division: loaderByKey<string, DivisionEntity>((codes) => ds.getRepository(DivisionEntity).findBy({ code: In([...codes]) }), (d) => d.code),
    childrenOf: listLoaderByKey<string, DivisionEntity>(
      (codes) => ds.getRepository(DivisionEntity).find({ where: { parentCode: In([...codes]) }, order: { code: 'ASC' } }),
      (d) => d.parentCode!,
    ),
    staffOfDivision: listLoaderByKey<string, StaffEntity>(
      (codes) => ds.getRepository(StaffEntity).find({ where: { divisionCode: In([...codes]), active: true }, order: { name: 'ASC' } }),
      (s) => s.divisionCode!,
    ),
    party: loaderByKey<string, PartyEntity>((ids) => ds.getRepository(PartyEntity).findBy({ id: In([...ids]) }), (p) => p.id),
    staff: loaderByKey<string, StaffEntity>((ids) => ds.getRepository(StaffEntity).findBy({ id: In([...ids]) }), (s) => s.id),
    listing: loaderByKey<string, DishonestListingEntity>((ids) => ds.getRepository(DishonestListingEntity).findBy({ id: In([...ids]) }), (l) => l.id),
    listingsOfCase: listLoaderByKey<string, DishonestListingEntity>(
      (ids) => ds.getRepository(DishonestListingEntity).find({ where: { caseId: In([...ids]) }, order: { listedAt: 'ASC' } }),
      (l) => l.caseId,
    ),
    listingsOfParty: listLoaderByKey<string, DishonestListingEntity>(
      (ids) => ds.getRepository(DishonestListingEntity).find({ where: { partyId: In([...ids]) }, order: { listedAt: 'ASC' } }),
      (l) => l.partyId,
    ),
    profilesOfParty: listLoaderByKey<string, CreditProfileEntity>(
      (ids) => ds.getRepository(CreditProfileEntity).find({ where: { partyId: In([...ids]) }, order: { seq: 'DESC' } }),
      (p) => p.partyId,
    ),
    linksOfParty: listLoaderByKey<string, CreditLinkEntity>(
      (ids) => ds.getRepository(CreditLinkEntity).find({ where: { partyId: In([...ids]) }, order: { department: 'ASC' } }),
      (l) => l.partyId,
    ),
    /** The villages and townships of the cases a party is in (as obligor or obligee), for visibility. */
    caseDivisionsOfParty: listLoaderByKey<string, { partyId: string; code: string }>(
      (ids) =>
        ds.query(
          `SELECT p.id::text AS "partyId", coalesce(c.village_code, c.township_code) AS code
             FROM unnest($1::uuid[]) AS p(id)
             JOIN people.case_projection c ON c.obligor_ids @> ARRAY[p.id] OR c.obligee_ids @> ARRAY[p.id]
            WHERE coalesce(c.village_code, c.township_code) IS NOT NULL`,
          [[...ids]],
        ),
      (r) => r.partyId,
    ),
    /** Key: `${partyId}:${department}`. */
    linkHistory: listLoaderByKey<string, CreditLinkChangeEntity>(
      (keys) => ds.getRepository(CreditLinkChangeEntity).find({ where: { partyId: In([...new Set(keys.map((k) => k.split(':')[0]!))]) }, order: { changedAt: 'ASC' } }),
      (c) => `${c.partyId}:${c.department}`,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
