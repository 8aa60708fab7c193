import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, initializeDataSource } from '@zhiyuan/db';
import { createTestDatabase, type TestDatabase } from '@zhiyuan/testing';
import { parseEnvelope } from '@zhiyuan/events';
import { importJudgmentsFile, loadCasesConfig, settingsFrom } from '../src';
import { intakeJudgments } from '../src/commands/shared/intake';
import { validateJudgment } from '../src/domain/judgment-input';
import { entities } from '../src/entities';
import { migrations } from '../src/migrations';
import { CSV_HEADER, writeJudgmentCsv } from './factories/judgment-file';

describe('bulk import of effective judgments', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let dir: string;
  const settings = settingsFrom(loadCasesConfig({ DATABASE_URL: 'postgres://x' }));
  const count = async (sql: string) => Number((await ds.query(sql))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase('zy_cases_import');
    ds = createDataSource({
      url: db.url,
      schema: 'cases',
      entities,
      migrations,
      poolSize: 6,
      applicationName: 'cases-import-test',
    });
    await initializeDataSource(ds, 'cases');
    dir = mkdtempSync(path.join(tmpdir(), 'cases-import-'));
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file once: running it again imports nothing twice', async () => {
    const file = await writeJudgmentCsv(path.join(dir, 'twice.csv'), 2_500, { year: 2021 });
    const first = await importJudgmentsFile(ds, settings, file, { batchSize: 1000 });
    expect(first).toMatchObject({ rows: 2_500, imported: 2_500, skipped: 0, rejected: 0 });
    const cases = await count(`SELECT count(*) n FROM cases."case" WHERE case_number LIKE '(2021)%'`);
    const events = await count(`SELECT count(*) n FROM cases.outbox_message WHERE type NOT LIKE 'audit.%'`);
    expect(cases).toBe(2_500);
    // One judgment.effective and one urging.started per case (urging AUTO by default).
    expect(events).toBe(5_000);
    const second = await importJudgmentsFile(ds, settings, file, { batchSize: 700 });
    expect(second).toMatchObject({ rows: 2_500, imported: 0, skipped: 2_500, rejected: 0 });
    expect(await count(`SELECT count(*) n FROM cases."case" WHERE case_number LIKE '(2021)%'`)).toBe(cases);
    expect(await count(`SELECT count(*) n FROM cases.outbox_message WHERE type NOT LIKE 'audit.%'`)).toBe(events);
    expect(await count(`SELECT count(*) n FROM cases.case_timeline`)).toBe(5_000);
  });

  it('audits each batch in its own transaction, and the run: who, the file digest, the counts', async () => {
    const file = await writeJudgmentCsv(path.join(dir, 'audited.csv'), 1_200, { year: 2013 });
    writeFileSync(file, `${readFileSync(file, 'utf8')}not,a,judgment\n`);
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    const from = Number((await ds.query(`SELECT coalesce(max(seq), 0) AS s FROM cases.outbox_message`))[0].s);
    const s = await importJudgmentsFile(ds, settings, file, { batchSize: 500, actor: 'import:clerk' });
    expect(s).toMatchObject({ rows: 1_201, imported: 1_200, rejected: 1, sha256 });
    const audits = (
      await ds.query(
        `SELECT envelope FROM cases.outbox_message WHERE type = 'audit.entry.recorded' AND seq > $1 ORDER BY seq`,
        [from],
      )
    ).map((r: { envelope: unknown }) => parseEnvelope(r.envelope).payload);
    const base = { actor: 'import:clerk', roles: ['COMMAND_LINE'], service: 'cases', action: 'COMMAND' };
    const detail = { file: 'audited.csv', sha256, format: 'csv' };
    expect(audits).toHaveLength(4);
    expect(audits.slice(0, 3).sort((a: any, b: any) => a.detail.batch - b.detail.batch)).toEqual(
      [500, 500, 200].map((rows, i) =>
        expect.objectContaining({
          ...base,
          operation: 'import:judgments',
          targetKind: 'FILE',
          targetId: sha256,
          outcome: 'OK',
          detail: { ...detail, batch: i + 1, rows, imported: rows, skipped: 0 },
        }),
      ),
    );
    expect(audits[3]).toMatchObject({
      ...base,
      detail: { ...detail, summary: true, batches: 3, rows: 1_201, imported: 1_200, skipped: 0, rejected: 1 },
    });
    expect(await count(`SELECT count(*) n FROM cases."case" WHERE case_number LIKE '(2013)%'`)).toBe(1_200);
  });

  it('imports each judgment once when the same file is loaded twice at the same time', async () => {
    const file = await writeJudgmentCsv(path.join(dir, 'race.csv'), 2_000, { year: 2016 });
    const [a, b] = await Promise.all([
      importJudgmentsFile(ds, settings, file, { batchSize: 500, rejectsPath: `${file}.a` }),
      importJudgmentsFile(ds, settings, file, { batchSize: 300, rejectsPath: `${file}.b` }),
    ]);
    expect(a.imported + b.imported).toBe(2_000);
    expect(a.skipped + b.skipped).toBe(2_000);
    expect(await count(`SELECT count(*) n FROM cases."case" WHERE case_number LIKE '(2016)%'`)).toBe(2_000);
    expect(
      await count(
        `SELECT count(*) n FROM cases.outbox_message o JOIN cases."case" c ON c.id::text = o.key WHERE c.case_number LIKE '(2016)%'`,
      ),
    ).toBe(4_000);
  });

  it('writes the same cases, timeline entries and events as the intake of the mutation', async () => {
    const obligor = randomUUID();
    await ds.query(
      `INSERT INTO cases.party_route (party_id, home_division_code, village_code, township_code) VALUES ($1, '330522104202', '330522104202', '330522104')`,
      [obligor],
    );
    const row = (n: number) => ({
      caseNumber: `(2015)浙0522民初${n}号`,
      court: '长兴县人民法院',
      causeCode: 'PRIVATE_LENDING',
      judgeId: randomUUID(),
      effectiveDate: '2015-06-01',
      performanceDeadline: '2015-07-01',
      obligorIds: [obligor, randomUUID()],
      obligeeIds: [randomUUID()],
      principalFen: 12_345,
      interestFen: 55,
      costsFen: 600,
    });
    const a = row(1);
    const file = path.join(dir, 'same.ndjson');
    writeFileSync(file, `${JSON.stringify(a)}\n`);
    const now = new Date('2026-03-02T04:05:06.789Z');
    expect(await importJudgmentsFile(ds, settings, file, { now: () => now, actor: 'clerk' })).toMatchObject({
      imported: 1,
    });
    const b = validateJudgment({ ...row(2), judgeId: a.judgeId, obligorIds: a.obligorIds, obligeeIds: a.obligeeIds });
    if (!b.ok) throw new Error('bad fixture');
    await ds.transaction((m) => intakeJudgments(m, [b.value], settings, 'clerk', now));

    const load = async (n: number) => {
      const [c] = await ds.query(`SELECT * FROM cases."case" WHERE case_number = $1`, [`(2015)浙0522民初${n}号`]);
      const events = (await ds.query(
        `SELECT subject, type, key, envelope FROM cases.outbox_message WHERE key = $1 ORDER BY seq`,
        [c.id],
      )) as { subject: string; type: string; key: string; envelope: unknown }[];
      const timeline = await ds.query(
        `SELECT kind, actor, at, legacy_summary, parameters FROM cases.case_timeline WHERE case_id = $1 ORDER BY seq`,
        [c.id],
      );
      // Everything but the generated ids and the case number itself must be the same.
      const strip = (v: unknown) =>
        JSON.parse(JSON.stringify(v).replaceAll(c.id, 'CASE').replaceAll(`民初${n}号`, '民初N号'));
      const envelopes = events.map((e) => {
        const env = parseEnvelope(e.envelope);
        expect(e).toMatchObject({ subject: env.type, type: env.type, key: c.id });
        expect(env.correlationId).toBe(env.id);
        return strip({ ...env, id: 'ID', correlationId: 'ID' });
      });
      return { row: strip({ ...c, id: 'CASE', case_number: 'N' }), envelopes, timeline: strip(timeline) };
    };
    const fromFile = await load(1);
    const fromMutation = await load(2);
    expect(fromFile.envelopes.map((e: { type: string }) => e.type)).toEqual([
      'cases.judgment.effective',
      'cases.urging.started',
    ]);
    expect(fromFile.row).toMatchObject({
      state: 'URGING',
      village_code: '330522104202',
      township_code: '330522104',
      amount_owed_fen: '13000',
    });
    expect(fromFile).toEqual(fromMutation);
  });

  it('keeps text with the characters COPY uses (backslash, tab, line breaks) as written', async () => {
    const court = '长兴县人民法院\\第二\t法庭\r\n(巡回)';
    const file = path.join(dir, 'escapes.ndjson');
    writeFileSync(
      file,
      `${JSON.stringify({ caseNumber: '(2014)浙0522民初1号', court, causeCode: 'DIVORCE', effectiveDate: '2014-05-05', obligorIds: [randomUUID()], obligeeIds: [randomUUID()], principalFen: 5000 })}\n`,
    );
    expect(await importJudgmentsFile(ds, settings, file)).toMatchObject({ imported: 1, rejected: 0 });
    const [c] = await ds.query(`SELECT id, court FROM cases."case" WHERE case_number = '(2014)浙0522民初1号'`);
    expect(c.court).toBe(court);
    const [e] = await ds.query(
      `SELECT envelope FROM cases.outbox_message WHERE key = $1 AND type = 'cases.judgment.effective'`,
      [c.id],
    );
    expect(e.envelope.payload.court).toBe(court);
  });

  it('writes every problem of a bad row to the reject report and goes on', async () => {
    const ok = () => `${randomUUID()},${randomUUID()}`;
    const [a, b] = ok().split(',');
    const lines = [
      CSV_HEADER,
      `(2020)浙0522民初1号,长兴县人民法院,PRIVATE_LENDING,,2020-03-01,,${a},${b},1000,0,0`,
      `2020民初2,长兴县人民法院,PRIVATE_LENDING,,2020-03-01,,${a},${b},1000,0,0`,
      `(2020)浙0522民初3号,长兴县人民法院,NO_SUCH_CAUSE,,2020-02-30,,not-a-uuid,${b},-5,0,0`,
      `(2020)浙0522民初4号,"长兴县人民法院, 第二法庭",SALE_CONTRACT,,2020-03-01,2020-04-01,${a};${randomUUID()},${b},1000,0,0`,
      `(2020)浙0522民初5号,长兴县人民法院,SALE_CONTRACT,,2020-03-01,,${a},${a},1000,0,0`,
      `(2020)浙0522民初1号,长兴县人民法院,PRIVATE_LENDING,,2020-03-01,,${a},${b},1000,0,0`,
    ];
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const s = await importJudgmentsFile(ds, settings, file, { urgingMode: 'OFF' });
    expect(s).toMatchObject({ rows: 6, imported: 2, skipped: 1, rejected: 3 });
    const report = readFileSync(s.rejectsPath, 'utf8').trim().split('\n');
    expect(report[0]).toBe('row,field,reason');
    const rows = report.slice(1).map((l) => l.split(',').slice(0, 2).join(','));
    expect(rows).toEqual(
      expect.arrayContaining([
        '3,caseNumber',
        '4,causeCode',
        '4,effectiveDate',
        '4,obligorIds.0',
        '4,principalFen',
        '6,obligeeIds',
      ]),
    );
    const states = await ds.query(
      `SELECT state, count(*)::int n FROM cases."case" WHERE case_number LIKE '(2020)%' GROUP BY state`,
    );
    expect(states).toEqual([{ state: 'EFFECTIVE', n: 2 }]);
  });

  it('reads NDJSON and reports lines that are not JSON', async () => {
    const j = (n: number) =>
      JSON.stringify({
        caseNumber: `(2019)浙0522民初${n}号`,
        court: '长兴县人民法院',
        causeCode: 'DIVORCE',
        effectiveDate: '2019-05-05',
        obligorIds: [randomUUID()],
        obligeeIds: [randomUUID()],
        principalFen: 5000,
      });
    const file = path.join(dir, 'j.ndjson');
    writeFileSync(file, [j(1), '{not json', '', j(2)].join('\n'));
    const s = await importJudgmentsFile(ds, settings, file);
    expect(s).toMatchObject({ rows: 3, imported: 2, rejected: 1 });
    expect(readFileSync(s.rejectsPath, 'utf8')).toContain('2,row,not valid JSON');
  });

  it('streams a large file with flat memory', async () => {
    const small = await writeJudgmentCsv(path.join(dir, 'small.csv'), 2_000, { year: 2018 });
    const large = await writeJudgmentCsv(path.join(dir, 'large.csv'), 20_000, { year: 2017 });
    // Live memory, measured after a full collection every few batches: garbage is not growth.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const liveGrowth = async (file: string) => {
      gc();
      const base = process.memoryUsage();
      let heap = 0;
      let rss = 0;
      let batches = 0;
      const sample = () => {
        // A full collection costs time at this heap size; every third batch samples often enough.
        if (batches++ % 3 !== 0) return;
        gc();
        const m = process.memoryUsage();
        heap = Math.max(heap, m.heapUsed - base.heapUsed);
        rss = Math.max(rss, m.rss - base.rss);
      };
      const s = await importJudgmentsFile(ds, settings, file, { batchSize: 1000, onProgress: sample });
      return { s, heap, rss };
    };
    const a = await liveGrowth(small);
    const b = await liveGrowth(large);
    expect(a.s.imported).toBe(2_000);
    expect(b.s.imported).toBe(20_000);
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    process.stderr.write(
      `import memory: 2k rows +${mb(a.heap)} MB heap/+${mb(a.rss)} MB rss; 20k rows +${mb(b.heap)} MB heap/+${mb(b.rss)} MB rss; ${b.s.rowsPerSecond} rows/s\n`,
    );
    // Ten times the rows must not need more live memory than a few batches: nothing accumulates per row.
    expect(b.heap).toBeLessThan(Math.max(a.heap, 0) + 16 * 1024 * 1024);
    expect(b.rss).toBeLessThan(Math.max(a.rss, 0) + 64 * 1024 * 1024);
    expect(await count(`SELECT count(*) n FROM cases."case" WHERE case_number LIKE '(2017)%'`)).toBe(20_000);
  }, 60_000);
});
