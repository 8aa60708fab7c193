import { In, type DataSource } from 'typeorm';
import { loaderByKey } from '@zhiyuan/server';
import { CaseEntity } from './entities';

/** Built per request: one batched query per entity or relation, whatever the page size. */
export function createLoaders(ds: DataSource) {
  return {
    case: loaderByKey<string, CaseEntity>((ids) => ds.getRepository(CaseEntity).findBy({ id: In([...ids]) }), (c) => c.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
