import type { EntityManager, QueryRunner } from 'typeorm';

/** How long a key answers with its first result; after that the same key is a new request. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/**
 * The keys of the mutations a service committed, with their results: created by one migration of
 * each service (see docs/adr/0008-idempotency-and-audit-in-the-transaction.md). `field` is the root
 * field's response key, so two root fields of one request keep results of their own.
 */
export async function createIdempotencyTable(qr: QueryRunner, schema: string): Promise<void> {
  await qr.query(`
    CREATE TABLE "${schema}".idempotency_key (
      actor text NOT NULL,
      key text NOT NULL,
      field text NOT NULL,
      operation text NOT NULL,
      request_hash text NOT NULL,
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (actor, key, field)
    )`);
  await qr.query(`CREATE INDEX idempotency_key_created_idx ON "${schema}".idempotency_key (created_at)`);
}

export async function dropIdempotencyTable(qr: QueryRunner, schema: string): Promise<void> {
  await qr.query(`DROP TABLE IF EXISTS "${schema}".idempotency_key`);
}

export interface KeyClaim {
  actor: string;
  key: string;
  field: string;
  operation: string;
  requestHash: string;
}

export type ClaimOutcome = { kind: 'claimed' } | { kind: 'replay'; result: unknown } | { kind: 'conflict' };

/**
 * Takes the key for this transaction, as its first statement. A new key (or one older than the
 * TTL, taken over) is claimed; a key another transaction holds makes this one wait for it (the row
 * lock of ON CONFLICT), then see its committed row: the same request gets the stored result, another
 * request a conflict. A claim rolled back leaves nothing, so the next try runs the work.
 */
export async function claimIdempotencyKey(manager: EntityManager, schema: string, c: KeyClaim): Promise<ClaimOutcome> {
  const claimed: unknown[] = await manager.query(
    `INSERT INTO "${schema}".idempotency_key AS k (actor, key, field, operation, request_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (actor, key, field) DO UPDATE SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, result = NULL, created_at = now()
       WHERE k.created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS})
     RETURNING 1`,
    [c.actor, c.key, c.field, c.operation, c.requestHash],
  );
  if (claimed.length) return { kind: 'claimed' };
  const [row]: { request_hash: string; operation: string; result: { r?: unknown } | null }[] = await manager.query(
    `SELECT request_hash, operation, result FROM "${schema}".idempotency_key WHERE actor = $1 AND key = $2 AND field = $3`,
    [c.actor, c.key, c.field],
  );
  if (!row || row.request_hash !== c.requestHash || row.operation !== c.operation) return { kind: 'conflict' };
  return { kind: 'replay', result: row.result?.r };
}

/** Stores the work's result with its key, in the same transaction (so both commit or neither). */
export async function storeIdempotentResult(
  manager: EntityManager,
  schema: string,
  c: KeyClaim,
  result: unknown,
): Promise<void> {
  await manager.query(
    `UPDATE "${schema}".idempotency_key SET result = $4::jsonb WHERE actor = $1 AND key = $2 AND field = $3`,
    [c.actor, c.key, c.field, toJson(result)],
  );
}

/** Deletes the keys past their TTL; returns how many. */
export async function pruneIdempotencyKeys(runner: Pick<EntityManager, 'query'>, schema: string): Promise<number> {
  const rows: unknown[] = await runner.query(
    `WITH gone AS (DELETE FROM "${schema}".idempotency_key WHERE created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS}) RETURNING 1) SELECT 1 FROM gone`,
  );
  return rows.length;
}

/** The result as stored: wrapped, so `undefined` survives; bigint as text; a cycle is refused. */
function toJson(result: unknown): string {
  return JSON.stringify({ r: result }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
