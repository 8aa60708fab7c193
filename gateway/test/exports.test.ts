import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { ANONYMOUS, type Identity } from '@zhiyuan/auth';
import { silentLogger } from '@zhiyuan/testing';
import { identities } from '../src/http-guards';
import { exportHandler, type ExecuteAs } from '../src/exports/route';
import { neutralizeFormula } from '../src/exports/writers';
import { yuan } from '../src/exports/labels';

const CADRE: Identity = { ...ANONYMOUS, sub: 'cadre-1', roles: ['VILLAGE_CADRE'], divisionCode: '330522104201' };

/** A gateway-less /exports: the handler under test, with a fake executor standing in for the supergraph. */
async function serve(execute: ExecuteAs, pageSize: number, onWrite?: (chunk: unknown) => void) {
  const app = express();
  app.get(
    '/exports/:file',
    (req, res, next) => {
      identities.set(req, CADRE);
      if (onWrite) {
        const write = res.write.bind(res) as (...a: unknown[]) => boolean;
        res.write = ((...a: unknown[]) => (onWrite(a[0]), write(...a))) as never;
      }
      next();
    },
    exportHandler(execute, { pageSize, log: silentLogger }),
  );
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** `total` open cases of one village, answered page by page like the cases query. */
function casesOf(total: number, fail?: { atPage: number }) {
  const calls: { after: unknown; identity: Identity }[] = [];
  const execute: ExecuteAs = async (_query, variables, identity) => {
    calls.push({ after: variables.after, identity });
    const start = variables.after ? Number(variables.after) : 0;
    if (fail && calls.length === fail.atPage)
      return { errors: [{ message: 'cases is down', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    const end = Math.min(start + (variables.first as number), total);
    const nodes = Array.from({ length: end - start }, (_, i) => ({
      caseNumber: `(2024)浙0522执${start + i + 1}号`,
      state: 'ENFORCEMENT_FILED',
      outstandingFen: 123_456,
      primaryObligor: { name: i === 0 ? '=HYPERLINK("x")' : '王大力', idNumberMasked: '3305221990****1234' },
    }));
    return { data: { cases: { nodes, pageInfo: { hasNextPage: end < total, endCursor: String(end) } } } };
  };
  return { execute, calls };
}

describe('/exports', () => {
  it('writes every page before it reads the next one, so a county list of 10,000 rows stays one page in memory', async () => {
    let rowsWritten = 0;
    const { execute, calls } = casesOf(10_000);
    const writtenWhenRead: number[] = [];
    const server = await serve(
      async (q, v, i) => (writtenWhenRead.push(rowsWritten), execute(q, v, i)),
      200,
      (chunk) => {
        rowsWritten += (String(chunk).match(/\r\n/g) ?? []).length;
      },
    );
    try {
      const res = await fetch(`${server.url}/exports/open-cases.csv?divisionCode=330522`);
      const lines = (await res.text()).split('\r\n').filter(Boolean);
      expect(lines).toHaveLength(10_001);
      expect(calls).toHaveLength(50);
      // Before page k is read, the header and the k-1 pages before it are out.
      expect(writtenWhenRead.slice(1)).toEqual(calls.slice(1).map((_, k) => 1 + (k + 1) * 200));
      // Every page is read as the caller, marked as this list's download (the subgraphs audit it).
      expect(new Set(calls.map((c) => JSON.stringify(c.identity)))).toEqual(
        new Set([JSON.stringify({ ...CADRE, export: 'open-cases' })]),
      );
      expect(calls[0]!.after).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('cuts the download short when a later page fails, rather than ending a file with rows missing', async () => {
    const { execute } = casesOf(1_000, { atPage: 3 });
    const server = await serve(execute, 100);
    try {
      // The status line may be out already or not: either way the client sees a failed download.
      const download = fetch(`${server.url}/exports/open-cases.csv?divisionCode=330522`).then((r) => r.text());
      await expect(download).rejects.toThrow();
    } finally {
      await server.close();
    }
  });

  it('keeps a name that looks like a formula as text, and writes amounts in yuan', async () => {
    const { execute } = casesOf(1);
    const server = await serve(execute, 10);
    try {
      const text = await (await fetch(`${server.url}/exports/open-cases.csv?divisionCode=330522`)).text();
      expect(text.split('\r\n')[1]).toContain(`"'=HYPERLINK(""x"")"`);
      expect(text.split('\r\n')[1]).toContain(',1234.56,');
    } finally {
      await server.close();
    }
    expect(neutralizeFormula('-12.50')).toBe('-12.50');
    expect(neutralizeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralizeFormula(3)).toBe(3);
    expect([yuan(0), yuan(5), yuan(-100_001), yuan(null)]).toEqual(['0.00', '0.05', '-1000.01', null]);
  });
});

describe('/exports/research-due', () => {
  it('mirrors the researchDue query page by page, open leads in their column, and refuses a bad date', async () => {
    const seen: Record<string, unknown>[] = [];
    const execute: ExecuteAs = async (query, variables) => {
      seen.push(variables);
      expect(query).toContain('researchDue(divisionCode: $divisionCode, before: $before');
      const node = {
        caseNumber: '(2024)浙0522民初7号',
        enforcementNumber: '(2024)浙0522执7号',
        nextResearchDue: '2024-01-01',
        outstandingFen: 500_000,
        village: { name: '港口村' },
        enforcementOfficer: { name: '李警官' },
        primaryObligor: { name: '王大力', idNumberMasked: '3305221990****1234' },
        assetLeads: [
          { what: '旧摩托车', where: '家中', estimatedValueFen: 100_000, reopenedAt: '2024-02-01T00:00:00Z' },
          { what: '新购轿车一辆', where: '港口村村口', estimatedValueFen: 8_000_000, reopenedAt: null },
        ],
      };
      return { data: { researchDue: { nodes: [node], pageInfo: { hasNextPage: false, endCursor: null } } } };
    };
    const server = await serve(execute, 50);
    try {
      const res = await fetch(`${server.url}/exports/research-due.csv?divisionCode=330522104&before=2024-06-30`);
      expect(res.status).toBe(200);
      const lines = (await res.text())
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean);
      expect(lines[0]).toBe('执行案号,被执行人,证件号码,村,未履行（元）,应复查日期,新财产线索,执行员');
      expect(lines[1]).toBe(
        '(2024)浙0522执7号,王大力,3305221990****1234,港口村,5000.00,2024-01-01,港口村村口新购轿车一辆（估值80000.00元）,李警官',
      );
      expect(seen).toEqual([{ divisionCode: '330522104', before: '2024-06-30', first: 50, after: null }]);
      const bad = await fetch(`${server.url}/exports/research-due.csv?divisionCode=330522104&before=tomorrow`);
      expect(bad.status).toBe(400);
      expect((await bad.json()).errors[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'before' });
    } finally {
      await server.close();
    }
  });
});
