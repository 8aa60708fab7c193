import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { sqlRows } from '@zhiyuan/db';

interface PgClient {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

const names = new Map<string, string>();

/**
 * Runs a statement of the projection's hot path as a named prepared statement on the transaction's
 * connection, so PostgreSQL plans it once per connection instead of on every event (planning the
 * multi-table upserts costs about as much as running them). The statements are a handful of fixed
 * texts, so the name cache stays small. Logged like any TypeORM query (statement counting sees it).
 */
export async function queryPrepared<T>(m: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const qr = m.queryRunner;
  if (!qr) return sqlRows<T>(m, text, values);
  let name = names.get(text);
  if (!name) {
    name = `metrics_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  const client = (await qr.connect()) as PgClient;
  m.connection.logger.logQuery(text, values, qr);
  const r = await client.query({ name, text, values });
  return r.rows as T[];
}
