import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { PartyEntity } from '../src/entities';
import { profileInputs } from '../src/queries/profiles';
import { registerPerson, startTestService, type TestService } from './factories/service';

/**
 * The statements a handler runs for every payment read through their indexes. Sequential scans are
 * switched off, so a statement that cannot use its index (`$1 = ANY (obligor_ids)` cannot use a GIN
 * index) shows a Seq Scan however small the table.
 */
describe('query plans', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(() => t.stop());

  it("reads an obligor's open obligations through the obligors index", async () => {
    const { id } = await registerPerson(t);
    const ds = t.service.runtime.ds;
    await ds.query(
      `INSERT INTO people.case_projection (case_id, obligor_ids, amount_owed_fen, outstanding_fen)
       SELECT gen_random_uuid(), ARRAY[gen_random_uuid()], 1000, 1000 FROM generate_series(1, 500)`,
    );
    await ds.query(
      `INSERT INTO people.case_projection (case_id, obligor_ids, amount_owed_fen, outstanding_fen) VALUES ($1, ARRAY[$2::uuid], 5000, 4000)`,
      [randomUUID(), id],
    );
    await ds.query('ANALYZE people.case_projection');

    const seen: { sql: string; params: unknown[] }[] = [];
    const recording = {
      query: (sql: string, params: unknown[]) => (seen.push({ sql, params }), ds.query(sql, params)),
    } as unknown as EntityManager;
    const party = await ds.getRepository(PartyEntity).findOneByOrFail({ id });
    expect((await profileInputs(recording, party, new Date())).outstandingFen).toBe(4000);

    expect(seen).toHaveLength(1);
    const plan = await ds.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      const rows: { 'QUERY PLAN': string }[] = await m.query(`EXPLAIN ${seen[0]!.sql}`, seen[0]!.params);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('case_projection_obligors_idx');
    expect(plan).not.toMatch(/Seq Scan on case_projection/);
  });
});
