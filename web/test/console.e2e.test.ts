/**
 * The console in a real browser: headless Chromium (Debian's, driven by playwright-core) against one
 * stack with the demo data, serving the console built here. Each role signs in, opens its pages and
 * acts; every page passes axe-core without serious violations, fits 390 px without horizontal
 * overflow, and leaves a screenshot in docs/screenshots/. The board's first load is held to its
 * JavaScript budget from the build's manifest.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_ROLES, DEV_JWT_SECRET, issueToken } from '@zhiyuan/gateway';
import { loadDemoCases, startStack, type Stack } from '@zhiyuan/stack';
import { createTestDatabase, gqlRequest, silentLogger, waitFor, type TestDatabase } from '@zhiyuan/testing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB = path.resolve(__dirname, '..');
const DIST = path.join(WEB, 'dist');
const VITE = path.resolve(WEB, '../node_modules/vite/bin/vite.js');
const SHOTS = path.resolve(WEB, '../docs/screenshots');
const JWT = { secret: DEV_JWT_SECRET, issuer: 'zhiyuan-dev', audience: 'zhiyuan' };
const VILLAGE = '330522104201'; // 港口村, the demo cadre's village
const OTHER_VILLAGE = '330522104202'; // 白水村
const FULL_ID_NUMBER = /\d{17}[\dXx]/;
const BOARD_BUDGET_BYTES = 200 * 1024;

function newestSource(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((f) => newestSource(path.join(p, f))));
}

function builtFromCurrentSources(): boolean {
  const manifest = path.join(DIST, '.vite/manifest.json');
  if (!existsSync(manifest)) return false;
  const sources = ['src', 'public', 'index.html', 'vite.config.mts', 'package.json'].map((f) => path.join(WEB, f));
  return statSync(manifest).mtimeMs > Math.max(...sources.map(newestSource));
}

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`console e2e skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
const describeWithBrowser = haveChromium ? describe : describe.skip;

describeWithBrowser('web console in Chromium', () => {
  let db: TestDatabase;
  let stack: Stack;
  let origin: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let admin: Record<string, string>;
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  const graph = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await gqlRequest(stack.gatewayUrl, query, variables, undefined, admin);
    if (r.errors?.length) throw new Error(r.errors[0]!.message);
    return r.data;
  };

  beforeAll(async () => {
    // The console under test is the one built from these sources: built again unless the last build
    // is newer than every source.
    if (!builtFromCurrentSources())
      execFileSync(process.execPath, [VITE, 'build', '--logLevel', 'warn'], { cwd: WEB, stdio: 'inherit' });
    db = await createTestDatabase('zy_web');
    stack = await startStack({
      databaseUrl: db.url,
      gatewayPort: 0,
      subgraphPorts: { cases: 0, peopleCredit: 0, tasks: 0, metrics: 0 },
      seedDemoData: true,
      logger: silentLogger,
      env: {
        RATE_LIMIT_PER_MINUTE: '0',
        TASK_SCHEDULERS_ENABLED: 'false',
        RESPONSE_CACHE: 'off',
        WEB_CONSOLE_DIR: DIST,
      },
    });
    origin = new URL(stack.gatewayUrl).origin;
    admin = { authorization: `Bearer ${await issueToken(DEMO_ROLES.admin!, JWT)}` };
    await loadDemoCases(stack.gatewayUrl, JWT, silentLogger);
    mkdirSync(SHOTS, { recursive: true });
    profile = mkdtempSync(path.join(tmpdir(), 'zy-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
  }, 420_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await stack?.stop();
    await db?.drop();
  });

  /** axe-core (no serious or critical violations), 390 px without horizontal overflow, a screenshot. */
  async function checkPage(name: string, opts: { exclude?: string[] } = {}): Promise<void> {
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async (exclude) => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<any> } }).axe;
      const r = await axe.run(exclude.length ? { include: [['body']], exclude: exclude.map((e) => [e]) } : document, {
        resultTypes: ['violations'],
      });
      return r.violations
        .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
        .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    }, opts.exclude ?? []);
    expect({ page: name, violations }).toEqual({ page: name, violations: [] });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect({ page: name, overflow }).toEqual({ page: name, overflow: 0 });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  async function signInAs(role: string): Promise<void> {
    await page.goto(`${origin}/sign-in`);
    await page.locator(`button[data-role="${role}"]`).click();
    await page.waitForURL((u) => u.pathname !== '/sign-in');
  }

  it('keeps the board first load under its JavaScript budget, charts split off', () => {
    const manifest = JSON.parse(readFileSync(path.join(DIST, '.vite/manifest.json'), 'utf8')) as Record<
      string,
      { file: string; imports?: string[]; isEntry?: boolean }
    >;
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      for (const i of manifest[key]!.imports ?? []) visit(i);
    };
    visit('index.html');
    const files = [...seen].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
    const gzipped = files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(DIST, f))).length, 0);
    expect(gzipped).toBeGreaterThan(10_000);
    expect(gzipped).toBeLessThan(BOARD_BUDGET_BYTES);
    expect(files.some((f) => /chart|explorer/.test(f))).toBe(false);
  });

  it('shows the public board without sign-in: masked entries, pickers, printable', async () => {
    await waitFor(
      async () =>
        (await graph(`{ exposureBoard(divisionCode: "330522") { nodes { listingId } } }`)).exposureBoard.nodes.length,
      { what: 'the demo listing on the board', timeoutMs: 20_000 },
    );
    await page.goto(`${origin}/`);
    await page.waitForURL(/\/board/);
    const entry = page.locator('.entry').first();
    await entry.waitFor();
    await expect(page.locator('.id-number').first().textContent()).resolves.toMatch(/^\d{10}\*{4}\d{3}[\dX]$/);
    expect(await page.locator('main').innerText()).not.toMatch(FULL_ID_NUMBER);
    await page.getByLabel('乡镇街道').selectOption('330522104');
    await page.waitForURL(/division=330522104$/);
    await page.locator('h1', { hasText: '虹星桥镇' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('h1', { hasText: 'Public exposure board' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('h1', { hasText: '失信被执行人曝光台' }).waitFor();
    await checkPage('board');
  });

  it('gives the county cockpit its KPIs, ranking chart and drill-down', async () => {
    await signInAs('admin');
    await page.waitForURL(/\/cockpit/);
    await page.locator('.kpi').first().waitFor();
    await expect(page.locator('.kpis').innerText()).resolves.toContain('自动履行率');
    await page.locator('#ranking canvas').first().waitFor();
    await page.locator('#series canvas').first().waitFor();
    await page.locator('#dishonesty li', { hasText: '%' }).first().waitFor();
    await page.locator('#ranking ol a', { hasText: '虹星桥镇' }).click();
    await page.waitForURL(/division=330522104$/);
    await page.locator('h1', { hasText: '虹星桥镇' }).waitFor();
    await page.locator('#ranking ol a', { hasText: '港口村' }).waitFor();
    await checkPage('cockpit');
    await page.getByRole('button', { name: /返回上级/ }).click();
    await page.waitForURL(/division=330522$/);
    await signInAs('judge');
    await page.waitForURL(/\/cockpit/);
    await page.locator('.kpi').first().waitFor();
    await page.locator('#warnings h2', { hasText: '未处理预警' }).waitFor();
    expect(await page.locator('[role="alert"]').count()).toBe(0);
  });

  it('gives a county department the tasks assigned to it, completed with the form', async () => {
    const { cases } = await graph(`{ cases(filter: { open: true }, first: 1) { nodes { id } } }`);
    const { createTask } = await graph(`mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
      i: {
        caseId: cases.nodes[0].id,
        type: 'FOLLOW_UP_CALL',
        level: 'COUNTY',
        divisionCode: '330522',
        assigneeDepartment: 'JUSTICE_BUREAU',
        title: '司法局协助回访（测试）',
        dueAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    await signInAs('department');
    await page.waitForURL(/\/workbench/);
    await page.locator('h1', { hasText: '本部门任务' }).waitFor();
    const row = page.locator(`li[data-task="${createTask.id}"]`);
    await row.getByRole('button', { name: '完成任务' }).click();
    await row.getByLabel('结果').selectOption('PARTIAL');
    await row.getByLabel('情况说明').fill('已电话联系，对方承诺下周答复');
    await row.getByRole('button', { name: '提交' }).click();
    await row.waitFor({ state: 'detached' });
    const { task } = await graph(`query($id: ID!) { task(id: $id) { status result { outcome } } }`, {
      id: createTask.id,
    });
    expect(task).toMatchObject({ status: 'DONE', result: { outcome: 'PARTIAL' } });
    await checkPage('workbench-department');
  });

  it('lets a village cadre complete a task with its form and record a meeting outcome', async () => {
    const { cases } = await graph(
      `query($d: ID!) { cases(filter: { divisionCode: $d, open: true }, first: 5) { nodes { id primaryObligor { id } } } }`,
      { d: VILLAGE },
    );
    const target = cases.nodes[0];
    // Due soonest, so it heads the village's list (ordered by due date).
    const due = new Date(Date.now() + 3_600_000).toISOString();
    const { createTask } = await graph(`mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
      i: {
        caseId: target.id,
        type: 'INTERVIEW',
        level: 'VILLAGE',
        divisionCode: VILLAGE,
        title: '约谈督促（测试）',
        dueAt: due,
      },
    });
    await signInAs('cadre');
    await page.waitForURL(/\/workbench/);
    const row = page.locator(`li[data-task="${createTask.id}"]`);
    await row.getByRole('button', { name: '完成任务' }).click();
    await row.getByLabel('情况说明').fill('已上门约谈，承诺月底前履行');
    await row.getByRole('button', { name: '提交' }).click();
    await page.getByRole('status').filter({ hasText: '约谈督促（测试）' }).waitFor();
    await row.waitFor({ state: 'detached' });
    const { task } = await graph(`query($id: ID!) { task(id: $id) { status result { summary } } }`, {
      id: createTask.id,
    });
    expect(task).toMatchObject({ status: 'DONE', result: { summary: '已上门约谈，承诺月底前履行' } });

    const meetings = page.locator('#meetings');
    await meetings.getByLabel('名称').fill('港口村集中执行大会');
    await meetings.getByLabel('地点').fill('港口村文化礼堂');
    await meetings.getByLabel('时间').fill('2030-06-01T09:30');
    await meetings.getByRole('button', { name: '安排大会' }).click();
    const meeting = meetings.locator('.meeting', { hasText: '港口村集中执行大会' });
    await meeting.waitFor();
    const pick = meeting.getByRole('combobox').first();
    await pick.selectOption('ABSENT');
    await meeting.locator('li', { hasText: '缺席' }).first().waitFor();
    await checkPage('workbench-village');
    await page.getByRole('link', { name: '数字驾驶舱' }).click();
    await page.locator('h1', { hasText: '港口村' }).waitFor();
    await page.locator('.kpi').first().waitFor();
    expect(await page.locator('#ranking').count()).toBe(0);
  });

  it('opens a case of the cadre’s village with its timeline, and refuses another village’s', async () => {
    const own = await graph(
      `query($d: ID!) { cases(filter: { divisionCode: $d }, first: 1) { nodes { id caseNumber } } }`,
      { d: VILLAGE },
    );
    const other = await graph(`query($d: ID!) { cases(filter: { divisionCode: $d }, first: 1) { nodes { id } } }`, {
      d: OTHER_VILLAGE,
    });
    await page.goto(`${origin}/case/${own.cases.nodes[0].id}`);
    await page.locator('h1', { hasText: own.cases.nodes[0].caseNumber }).waitFor();
    await page.locator('#timeline li').first().waitFor();
    await page.locator('#plan').getByLabel('走访情况').fill('上门走访，本人在家，表示将筹款');
    await page.locator('#plan').getByRole('button', { name: '记录走访' }).click();
    await page.locator('#plan li', { hasText: '上门走访，本人在家，表示将筹款' }).waitFor();
    await checkPage('case');
    await page.goto(`${origin}/case/${other.cases.nodes[0].id}`);
    await expect(page.locator('[role="alert"]').getAttribute('data-code')).resolves.toBe('FORBIDDEN');
    expect(await page.locator('#timeline').count()).toBe(0);
  });

  it('gives the township officer and liaison their workbench', async () => {
    for (const role of ['officer', 'liaison']) {
      await signInAs(role);
      await page.waitForURL(/\/workbench/);
      await page.locator('h1', { hasText: '虹星桥镇' }).waitFor();
      await page.locator('#cases tbody tr').first().waitFor();
    }
    await checkPage('workbench-township');
  });

  it('lets the admin simulate a rule set beside the active one and activate it', async () => {
    await signInAs('admin');
    await page.goto(`${origin}/admin`);
    const form = page.locator('#draft form');
    await form.locator('input[name="weight-PERFORMED_AFTER_URGING"]').waitFor();
    await form.getByLabel('规则名称').fill('督促后履行加权 2.0');
    await form.locator('input[name="weight-PERFORMED_AFTER_URGING"]').fill('2');
    await form.getByRole('button', { name: '保存草案' }).click();
    await page.locator('#simulation tbody tr').first().waitFor();
    await checkPage('admin');
    await page.locator('#simulation').getByLabel('启用理由').fill('考核办法修订');
    await page.locator('#simulation').getByRole('button', { name: '启用此规则' }).click();
    await page.getByRole('status').filter({ hasText: '已启用' }).waitFor();
    const { activePerformanceRuleSet } = await graph(
      `{ activePerformanceRuleSet { name weights { outcome weight } } }`,
    );
    expect(activePerformanceRuleSet.name).toBe('督促后履行加权 2.0');
    expect(activePerformanceRuleSet.weights).toContainEqual({ outcome: 'PERFORMED_AFTER_URGING', weight: 2 });
    await page.locator('#active h2', { hasText: '督促后履行加权 2.0' }).waitFor();
  });

  it('shows a party its own cases, and says coming forward is not yet online', async () => {
    const { cases } = await graph(
      `{ cases(filter: { open: true }, first: 1) { nodes { caseNumber primaryObligor { id name } } } }`,
    );
    const obligor = cases.nodes[0].primaryObligor;
    await page.goto(`${origin}/sign-in`);
    await page.locator('select[data-role="party"]').selectOption(obligor.id);
    await page.waitForURL(/\/portal/);
    await page.locator('h1', { hasText: obligor.name }).waitFor();
    await page.locator('.cards a', { hasText: cases.nodes[0].caseNumber }).waitFor();
    await page.locator('.notice', { hasText: '主动履行' }).waitFor();
    await checkPage('portal');
  });

  it('serves the GraphQL explorer in development with the demo tokens', async () => {
    await page.goto(`${origin}/explorer`);
    await page.locator('.graphiql-container').waitFor();
    await expect(page.getByLabel('以角色身份').inputValue()).resolves.toBe('admin');
    // GraphiQL's own editor widget (a development tool from npm) is left to its authors; the page around it is checked.
    await checkPage('explorer', { exclude: ['.graphiql-container'] });
  });
});
