import { DEFAULT_MIX, trafficGenerator, type Person, type TrafficUniverse } from './traffic/mix';

function universe(): TrafficUniverse {
  const person = (sub: string, role: Person['role'], divisionCode: string): Person => ({
    sub,
    role,
    divisionCode,
    token: `token-of-${sub}`,
  });
  const townships = Array.from({ length: 4 }, (_, t) => `330522${String(101 + t)}`);
  const villages = townships.flatMap((t) =>
    Array.from({ length: 5 }, (_, v) => {
      const code = `${t}${201 + v}`;
      return {
        code,
        cadre: person(`cadre-${code}`, 'VILLAGE_CADRE', code),
        caseIds: Array.from({ length: 6 }, (_, c) => `case-${code}-${c}`),
      };
    }),
  );
  return {
    countyCode: '330522',
    villages,
    townships: townships.map((code) => ({
      code,
      liaison: person(`liaison-${code}`, 'TOWNSHIP_LIAISON', code),
      pages: { open: [null, `c1-${code}`, `c2-${code}`], closed: [null, `c1x-${code}`] },
    })),
    officers: Array.from({ length: 4 }, (_, i) => person(`officer-${i}`, 'ENFORCEMENT_OFFICER', '330522')),
    admins: Array.from({ length: 2 }, (_, i) => person(`admin-${i}`, 'ADMIN', '330522')),
    caseIds: villages.flatMap((v) => v.caseIds),
    judges: Array.from({ length: 3 }, (_, i) => ({
      person: person(`judge-${i}`, 'JUDGE', '330522'),
      caseIds: villages.flatMap((v) => v.caseIds).filter((_, k) => k % 3 === i),
    })),
  };
}

describe('the traffic generator', () => {
  const u = universe();
  const N = 20_000;
  const next = trafficGenerator(u, { seed: 1 });
  const requests = Array.from({ length: N }, () => next());

  it('keeps the stated proportions within 1.5 points', () => {
    const counts = new Map<string, number>();
    for (const r of requests) counts.set(r.operation, (counts.get(r.operation) ?? 0) + 1);
    for (const [op, share] of Object.entries(DEFAULT_MIX)) {
      expect({ op, share: Math.abs(((counts.get(op) ?? 0) / N) * 100 - share) < 1.5 }).toEqual({ op, share: true });
    }
  });

  it('sends many identities and arguments, each operation under several identities', () => {
    expect(new Set(requests.map((r) => r.who.sub)).size).toBeGreaterThan(25);
    expect(new Set(requests.map((r) => r.who.token)).size).toBeGreaterThan(25);
    const bodies = new Set(requests.map((r) => `${r.operation} ${JSON.stringify(r.variables)}`));
    expect(bodies.size).toBeGreaterThan(N / 10);
    for (const op of Object.keys(DEFAULT_MIX)) {
      const of = requests.filter((r) => r.operation === op);
      expect({ op, distinct: new Set(of.map((r) => JSON.stringify(r.variables))).size > 10 }).toEqual({
        op,
        distinct: true,
      });
    }
    // Case lists page on, periods vary.
    expect(requests.some((r) => r.operation === 'CaseList' && r.variables.after)).toBe(true);
    const kinds = new Set(requests.map((r) => (r.variables.period as { kind?: string } | undefined)?.kind));
    expect([...kinds].filter(Boolean).sort()).toEqual(['CUSTOM', 'MONTH', 'QUARTER', 'YEAR']);
  });

  it('never has a cadre ask for another village, a liaison for another township, a judge for a case not theirs, or anyone but judges and administrators for a case detail', () => {
    const caseVillage = new Map(u.villages.flatMap((v) => v.caseIds.map((c) => [c, v.code] as const)));
    const judgeCases = new Map(u.judges.map((j) => [j.person.sub, new Set(j.caseIds)]));
    const wrong: string[] = [];
    for (const r of requests) {
      const v = r.variables as Record<string, any>;
      const asked: string | undefined =
        v.villageCode ?? v.townshipCode ?? v.filter?.divisionCode ?? (v.id ? caseVillage.get(v.id) : undefined);
      const ok =
        r.operation === 'CaseDetail' && r.who.role !== 'JUDGE' && r.who.role !== 'ADMIN'
          ? false
          : r.who.role === 'VILLAGE_CADRE'
            ? r.operation !== 'ExposureBoard' && asked === r.who.divisionCode
            : r.who.role === 'TOWNSHIP_LIAISON'
              ? !!asked?.startsWith(r.who.divisionCode)
              : r.who.role === 'JUDGE' && r.operation === 'CaseDetail'
                ? judgeCases.get(r.who.sub)!.has(v.id)
                : r.who.role === 'ANONYMOUS'
                  ? r.operation === 'ExposureBoard'
                  : true;
      if (!ok) wrong.push(`${r.who.sub} ${r.operation} ${JSON.stringify(v)}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(requests.filter((r) => r.who.role === 'VILLAGE_CADRE').length).toBeGreaterThan(N / 4);
  });

  it('is deterministic for a seed', () => {
    const again = trafficGenerator(u, { seed: 1 });
    expect(Array.from({ length: 50 }, () => again())).toEqual(requests.slice(0, 50));
  });
});
