import { Client } from 'pg';

/** Unpublished outbox rows and handled inbox rows over every service schema. */
export async function messagingState(databaseUrl: string): Promise<{ unpublished: number; handled: number }> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('outbox_message', 'inbox_message')`,
    );
    let unpublished = 0;
    let handled = 0;
    for (const r of rows) {
      if (r.table_name === 'outbox_message') {
        const q = await c.query(
          `SELECT count(*)::int AS n FROM "${r.table_schema}".outbox_message WHERE published_at IS NULL`,
        );
        unpublished += q.rows[0].n;
      } else {
        const q = await c.query(`SELECT count(*)::int AS n FROM "${r.table_schema}".inbox_message`);
        handled += q.rows[0].n;
      }
    }
    return { unpublished, handled };
  } finally {
    await c.end();
  }
}

/** Waits until every outbox is drained and no consumer handled anything for `quietMs`. */
export async function waitForQuiet(
  databaseUrl: string,
  opts: { quietMs?: number; timeoutMs?: number } = {},
): Promise<{ ms: number; handled: number; timedOut: boolean }> {
  const quietMs = opts.quietMs ?? 1500;
  const started = Date.now();
  let last = await messagingState(databaseUrl);
  let stableSince = Date.now();
  while (Date.now() - started < (opts.timeoutMs ?? 300_000)) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await messagingState(databaseUrl);
    if (now.unpublished > 0 || now.handled !== last.handled) stableSince = Date.now();
    last = now;
    if (Date.now() - stableSince >= quietMs)
      return { ms: Date.now() - started - quietMs, handled: now.handled, timedOut: false };
  }
  return { ms: Date.now() - started, handled: last.handled, timedOut: true };
}
