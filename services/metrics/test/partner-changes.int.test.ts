import { randomUUID } from 'node:crypto';
import { PendingFinishes } from '@zhiyuan/db';
import type { EventEnvelope, EventPayload } from '@zhiyuan/events';
import { loadMetricsConfig, settingsFrom } from '../src';
import { projectEventsIntoReadModels } from '../src/events/project-events-into-read-models.handler';
import { event, ignore, publishAndSettle } from './factories/events';
import { startMetrics, type TestMetrics } from './factories/service';

const settings = settingsFrom(loadMetricsConfig({ DATABASE_URL: 'postgres://unused' }));

type Department = EventPayload<'credit.link.changed'>['department'];

const linkChanged = (changeId: string, department: Department, changedAt: string) => {
  const partyId = randomUUID();
  return event(
    'credit.link.changed',
    {
      changeId,
      partyId,
      department,
      status: 'CLEAR',
      idNumberMasked: '3305221990****1234',
      listingIds: [],
      reason: 'performed',
      changedAt,
    },
    partyId,
  );
};

describe('partner changes', () => {
  let t: TestMetrics;
  beforeAll(async () => (t = await startMetrics()));
  afterAll(() => t.stop());

  const rows = (ids: string[]) =>
    t.service.runtime.ds.query(
      `SELECT change_id, department, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS at FROM metrics.partner_change_fact WHERE change_id = ANY($1::uuid[]) ORDER BY department`,
      [ids],
    );

  it('are written in one statement per transaction, each change once with its first time', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const departments: Department[] = ['BANK_LOAN', 'CIVILIZED_HOUSEHOLD', 'ENLISTMENT', 'PARTY_MEMBERSHIP'];
    const events: EventEnvelope[] = ids.map((id, i) => linkChanged(id, departments[i]!, '2024-03-01T02:00:00.000Z'));
    // The same change once more under a new event id (a producer's retry), later: the first time stays.
    events.push({ ...linkChanged(ids[0]!, 'BANK_LOAN', '2024-03-02T02:00:00.000Z'), id: randomUUID() });
    const handler = projectEventsIntoReadModels(settings).find((h) => h.name === 'track-partner-acknowledgement-due')!;
    const from = t.statements.length;
    await t.service.runtime.ds.transaction(async (m) => {
      const scope = new PendingFinishes();
      for (const e of events) await handler.handle(e as never, m, ignore, scope);
      await scope.finish(m, ignore);
    });
    expect(t.statements.slice(from).filter((q) => q.includes('INSERT INTO metrics.partner_change_fact'))).toHaveLength(
      1,
    );
    expect(await rows(ids)).toEqual(
      departments.map((department, i) => ({ change_id: ids[i], department, at: '2024-03-01 02:00' })),
    );
  });

  it('are recorded through the service whatever the batches, and keep their first time', async () => {
    const id = randomUUID();
    await publishAndSettle(t.bus, t.service.runtime.ds, [linkChanged(id, 'BANK_LOAN', '2024-04-01T02:00:00.000Z')]);
    await publishAndSettle(t.bus, t.service.runtime.ds, [
      { ...linkChanged(id, 'BANK_LOAN', '2024-04-05T02:00:00.000Z'), id: randomUUID() },
    ]);
    expect(await rows([id])).toEqual([{ change_id: id, department: 'BANK_LOAN', at: '2024-04-01 02:00' }]);
  });
});
