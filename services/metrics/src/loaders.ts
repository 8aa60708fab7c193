import { In, type DataSource } from 'typeorm';
import { loaderByKey } from '@zhiyuan/server';
import { DivisionStatsEntity } from './entities';

/** Built per request: one batched query per entity or relation, whatever the page size. */
export function createLoaders(ds: DataSource) {
  return {
    stats: loaderByKey<string, DivisionStatsEntity>((codes) => ds.getRepository(DivisionStatsEntity).findBy({ divisionCode: In([...codes]) }), (s) => s.divisionCode),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
