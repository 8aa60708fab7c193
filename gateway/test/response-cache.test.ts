import { ResponseCache, scopeOf, stableStringify } from '../src/response-cache';
import { buildSafelist } from '../src/persisted-operations';
import { ANONYMOUS, type Identity } from '@zhiyuan/auth';

const safelist = new Map(Object.entries(buildSafelist()));

function cache(now = { t: 0 }, maxBytes = 1_000_000) {
  const c = new ResponseCache({ ttlMs: 1_000, maxBytes, projectionSettleMs: 20, now: () => now.t });
  c.register(safelist);
  return c;
}

const who = (over: Partial<Identity>): Identity => ({
  sub: 'u1',
  roles: ['VILLAGE_CADRE'],
  divisionCode: '330522104201',
  department: null,
  partyId: null,
  ip: null,
  ...over,
});

describe('ResponseCache', () => {
  afterEach(() => jest.useRealTimers());

  it('caches only the read-mostly safelisted queries', () => {
    const c = new ResponseCache({ ttlMs: 1_000, maxBytes: 1_000 });
    expect(c.register(safelist).sort()).toEqual([
      'CountyCockpitRanking',
      'ExposureBoard',
      'TownshipDashboard',
      'VillageDashboard',
    ]);
    const byName = (n: string) => [...safelist].find(([, q]) => q.includes(`query ${n}`))![0];
    expect(c.operationOf(byName('VillageDashboard'))).toBe('VillageDashboard');
    expect(c.operationOf(byName('CaseDetail'))).toBeUndefined();
  });

  it('keys scopes apart: every signed-in caller alone, anonymous callers together', () => {
    expect(scopeOf({ ...ANONYMOUS, ip: '1.2.3.4' })).toBe(scopeOf({ ...ANONYMOUS, ip: '5.6.7.8' }));
    const scopes = new Set([
      scopeOf(ANONYMOUS),
      scopeOf(who({})),
      scopeOf(who({ sub: 'u2' })),
      scopeOf(who({ divisionCode: '330522104202' })),
      scopeOf(who({ roles: ['TOWNSHIP_LIAISON'] })),
      scopeOf(who({ roles: ['PARTNER'], divisionCode: null, department: 'BANK_LOAN' })),
      scopeOf(who({ roles: ['PARTNER'], divisionCode: null, department: 'ENLISTMENT' })),
      scopeOf(who({ roles: ['PARTY'], partyId: 'p1' })),
    ]);
    expect(scopes.size).toBe(8);
    expect(scopeOf(who({ roles: ['JUDGE', 'ADMIN'] }))).toBe(scopeOf(who({ roles: ['ADMIN', 'JUDGE'] })));
    expect(stableStringify({ b: 1, a: { d: [1, 2], c: null } })).toBe(
      stableStringify({ a: { c: null, d: [1, 2] }, b: 1 }),
    );
  });

  it('drops the operations an event subject may change, and projected ones once more after the settle delay', async () => {
    // The settle delay is a timer: the test moves the clock instead of waiting for it.
    jest.useFakeTimers();
    const c = cache();
    const put = (op: string) => c.set(c.ticket(op, op), Buffer.from(op));
    for (const op of ['ExposureBoard', 'VillageDashboard', 'CountyCockpitRanking']) put(op);
    c.invalidateSubject('tasks.task.completed');
    expect(c.get('ExposureBoard', 'ExposureBoard')?.toString()).toBe('ExposureBoard');
    expect(c.get('VillageDashboard', 'VillageDashboard')).toBeUndefined();
    expect(c.get('CountyCockpitRanking', 'CountyCockpitRanking')).toBeUndefined();
    // Stored again before metrics has projected the event: dropped again after the settle delay.
    put('VillageDashboard');
    expect(c.get('VillageDashboard', 'VillageDashboard')).toBeDefined();
    jest.advanceTimersByTime(20);
    expect(c.get('VillageDashboard', 'VillageDashboard')).toBeUndefined();
    c.invalidateSubject('credit.listing.added');
    expect(c.get('ExposureBoard', 'ExposureBoard')).toBeUndefined();
    // Metrics says its figures changed (with the commit of the projection): the cockpit goes, the board stays.
    put('ExposureBoard');
    put('CountyCockpitRanking');
    c.invalidateSubject('metrics.figures.updated');
    expect(c.get('CountyCockpitRanking', 'CountyCockpitRanking')).toBeUndefined();
    expect(c.get('ExposureBoard', 'ExposureBoard')?.toString()).toBe('ExposureBoard');
    c.close();
  });

  it('does not store an answer fetched while an event dropped its operation', () => {
    const c = cache();
    const ticket = c.ticket('ExposureBoard', 'k');
    c.invalidateSubject('credit.listing.removed');
    expect(c.set(ticket, Buffer.from('old'))).toBe(false);
    expect(c.get('ExposureBoard', 'k')).toBeUndefined();
    c.close();
  });

  it('forgets answers after the TTL and a mutation drops everything', () => {
    const now = { t: 0 };
    const c = cache(now);
    c.set(c.ticket('ExposureBoard', 'a'), Buffer.from('a'));
    now.t = 999;
    expect(c.get('ExposureBoard', 'a')).toBeDefined();
    now.t = 1_000;
    expect(c.get('ExposureBoard', 'a')).toBeUndefined();
    c.set(c.ticket('TownshipDashboard', 'b'), Buffer.from('b'));
    c.invalidate();
    expect(c.get('TownshipDashboard', 'b')).toBeUndefined();
    c.close();
  });

  it('keeps an answer past its TTL for one more TTL, as stale, and never one an event dropped', () => {
    const now = { t: 0 };
    const c = cache(now);
    c.set(c.ticket('ExposureBoard', 'a'), Buffer.from('a'));
    now.t = 1_500;
    expect(c.get('ExposureBoard', 'a')).toBeUndefined();
    expect(c.lookup('ExposureBoard', 'a')).toEqual({ body: Buffer.from('a'), fresh: false });
    now.t = 2_000;
    expect(c.lookup('ExposureBoard', 'a')).toBeUndefined();
    c.set(c.ticket('ExposureBoard', 'b'), Buffer.from('b'));
    now.t = 3_500;
    c.invalidateSubject('credit.listing.removed');
    expect(c.lookup('ExposureBoard', 'b')).toBeUndefined();
    c.close();
  });

  it('lets requests wait for the one fetching a key, and not across a drop', async () => {
    const c = cache();
    const ticket = c.ticket('ExposureBoard', 'k');
    expect(c.flight('ExposureBoard', 'k')).toBeUndefined();
    c.startFlight(ticket);
    const waiting = c.flight('ExposureBoard', 'k');
    expect(waiting).toBeDefined();
    c.finishFlight(ticket, Buffer.from('answer'));
    await expect(waiting).resolves.toEqual(Buffer.from('answer'));
    expect(c.flight('ExposureBoard', 'k')).toBeUndefined();

    const second = c.ticket('ExposureBoard', 'k');
    c.startFlight(second);
    c.invalidateSubject('credit.listing.removed');
    // The fetch began before the event: requests arriving after it do not wait for its answer.
    expect(c.flight('ExposureBoard', 'k')).toBeUndefined();
    const failed = c.ticket('ExposureBoard', 'k');
    c.startFlight(failed);
    const w = c.flight('ExposureBoard', 'k');
    c.finishFlight(failed, undefined);
    await expect(w).resolves.toBeUndefined();
    c.close();
  });

  it('stays within its memory bound, evicting the least recently used', () => {
    const c = cache({ t: 0 }, 100);
    for (const k of ['a', 'b', 'c', 'd']) c.set(c.ticket('ExposureBoard', k), Buffer.alloc(25, k));
    expect(c.get('ExposureBoard', 'a')).toBeDefined(); // a becomes the most recent
    c.set(c.ticket('ExposureBoard', 'e'), Buffer.alloc(25, 'e'));
    expect(c.size.bytes).toBeLessThanOrEqual(100);
    expect(c.get('ExposureBoard', 'b')).toBeUndefined();
    expect(c.get('ExposureBoard', 'a')).toBeDefined();
    expect(c.get('ExposureBoard', 'e')).toBeDefined();
    c.close();
  });
});
