import type { EntityManager } from 'typeorm';

/** Anything that runs a raw statement: an EntityManager, a DataSource or a QueryRunner. */
export type SqlRunner = Pick<EntityManager, 'query'>;

/**
 * The rows of a raw statement, typed at the boundary: every statement names the row it returns
 * (`sqlRows<{ id: string; paid_fen: string }>(m, '...')`), so nothing untyped leaves the query.
 * TypeORM answers UPDATE and DELETE with `[rows, affected]`; that shape is unwrapped here.
 */
export async function sqlRows<Row>(runner: SqlRunner, text: string, params: readonly unknown[] = []): Promise<Row[]> {
  const result: unknown = await runner.query(text, params as unknown[]);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as Row[];
  return (Array.isArray(result) ? result : []) as Row[];
}

/** The first row of a raw statement, or null. */
export async function sqlRow<Row>(
  runner: SqlRunner,
  text: string,
  params: readonly unknown[] = [],
): Promise<Row | null> {
  return (await sqlRows<Row>(runner, text, params))[0] ?? null;
}

/** A raw statement run for its effect; answers the rows it affected where PostgreSQL reports them. */
export async function sqlExec(runner: SqlRunner, text: string, params: readonly unknown[] = []): Promise<number> {
  const result: unknown = await runner.query(text, params as unknown[]);
  if (Array.isArray(result) && result.length === 2 && typeof result[1] === 'number') return result[1];
  return Array.isArray(result) ? result.length : 0;
}
