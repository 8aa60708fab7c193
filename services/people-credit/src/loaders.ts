import { In, type DataSource } from 'typeorm';
import { listLoaderByKey, loaderByKey } from '@zhiyuan/server';
import { DivisionEntity, PartyEntity, StaffEntity } from './entities';

/** Built per request: one batched query per entity or relation, whatever the page size. */
export function createLoaders(ds: DataSource) {
  return {
    division: loaderByKey<string, DivisionEntity>((codes) => ds.getRepository(DivisionEntity).findBy({ code: In([...codes]) }), (d) => d.code),
    childrenOf: listLoaderByKey<string, DivisionEntity>(
      (codes) => ds.getRepository(DivisionEntity).find({ where: { parentCode: In([...codes]) }, order: { code: 'ASC' } }),
      (d) => d.parentCode!,
    ),
    party: loaderByKey<string, PartyEntity>((ids) => ds.getRepository(PartyEntity).findBy({ id: In([...ids]) }), (p) => p.id),
    staff: loaderByKey<string, StaffEntity>((ids) => ds.getRepository(StaffEntity).findBy({ id: In([...ids]) }), (s) => s.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
