import { In, type DataSource } from 'typeorm';
import { listLoaderByKey, loaderByKey } from '@zhiyuan/server';
import { TaskEntity } from './entities';

/** Built per request: one batched query per entity or relation, whatever the page size. */
export function createLoaders(ds: DataSource) {
  return {
    task: loaderByKey<string, TaskEntity>((ids) => ds.getRepository(TaskEntity).findBy({ id: In([...ids]) }), (t) => t.id),
    tasksOfCase: listLoaderByKey<string, TaskEntity>(
      (caseIds) => ds.getRepository(TaskEntity).find({ where: { caseId: In([...caseIds]) }, order: { createdAt: 'ASC' } }),
      (t) => t.caseId!,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
