/**
 * The console in a real browser: headless Chromium (Debian's, driven by playwright-core) against one
 * stack with the demo data, serving the console built here. Each role signs in, opens its pages and
 * acts; every page passes axe-core without serious violations, fits 390 px without horizontal
 * overflow, and leaves a screenshot in docs/screenshots/. The board's first load is held to its
 * JavaScript budget from the build's manifest.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_ROLES, DEV_JWT_SECRET, issueToken } from '@zhiyuan/gateway';
import { loadDemoCases, startStack, type Stack } from '@zhiyuan/stack';
import {
  createTestDatabase,
  gqlRequest,
  residentIdNumber,
  silentLogger,
  waitFor,
  type TestDatabase,
} from '@zhiyuan/testing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB = path.resolve(__dirname, '..');
const DIST = path.join(WEB, 'dist');
/** A fresh build is written here while the stack starts, then put in place of `dist`. */
const BUILDING = path.join(WEB, 'dist.building');
const VITE = path.resolve(WEB, '../node_modules/vite/bin/vite.js');
const SHOTS = path.resolve(WEB, '../docs/screenshots');
const JWT = { secret: DEV_JWT_SECRET, issuer: 'zhiyuan-dev', audience: 'zhiyuan' };
const VILLAGE = '330522104201'; // 港口村, the demo cadre's village
const OTHER_VILLAGE = '330522104202'; // 白水村
const FULL_ID_NUMBER = /\d{17}[\dXx]/;
const BOARD_BUDGET_BYTES = 200 * 1024;
/** A party's access token lives this long here, so the console's renewal (a minute ahead) is seen. */
const PARTY_TOKEN_TTL_SECONDS = 65;

/** The SMS gateway people-credit posts to (SMS_PROVIDER=http): what a party's phone would receive. */
async function smsGateway() {
  const received: { phone: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(data) as { phone: string; body: string });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ messageId: `gw-${received.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

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
  let sms: Awaited<ReturnType<typeof smsGateway>>;
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  const graph = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await gqlRequest(stack.gatewayUrl, query, variables, undefined, admin);
    if (r.errors?.length) throw new Error(r.errors[0]!.message);
    return r.data;
  };

  /** Builds the console into BUILDING (the gateway keeps serving `dist` meanwhile). */
  function buildConsole(): Promise<void> {
    rmSync(BUILDING, { recursive: true, force: true });
    return new Promise((resolve, reject) =>
      execFile(
        process.execPath,
        [VITE, 'build', '--logLevel', 'warn', '--outDir', BUILDING, '--emptyOutDir'],
        { cwd: WEB },
        (err, _out, stderr) => (err ? reject(new Error(`vite build failed: ${stderr}`)) : resolve()),
      ),
    );
  }

  beforeAll(async () => {
    // The console under test is the one built from these sources: built again unless the last build
    // is newer than every source. The build, the stack and the browser start side by side (each waits
    // on something else: the build on the CPU, the stack on PostgreSQL and NATS); the new build takes
    // the place of `dist` before any page is opened.
    const building = builtFromCurrentSources() ? undefined : buildConsole();
    // The gateway mounts the console if `dist` has an index.html when it starts; it serves by path.
    if (!existsSync(path.join(DIST, 'index.html'))) {
      mkdirSync(DIST, { recursive: true });
      writeFileSync(path.join(DIST, 'index.html'), '<!doctype html><title>building</title>');
    }
    profile = mkdtempSync(path.join(tmpdir(), 'zy-chromium-'));
    const browser = chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
    });
    const started = (async () => {
      sms = await smsGateway();
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
          SMS_PROVIDER: 'http',
          SMS_HTTP_URL: sms.url,
          PARTY_ACCESS_TOKEN_TTL_SECONDS: String(PARTY_TOKEN_TTL_SECONDS),
        },
      });
      origin = new URL(stack.gatewayUrl).origin;
      admin = { authorization: `Bearer ${await issueToken(DEMO_ROLES.admin!, JWT)}` };
      await loadDemoCases(stack.gatewayUrl, JWT, silentLogger);
    })();
    const [, , ctx] = await Promise.all([building, started, browser]);
    if (building) {
      rmSync(DIST, { recursive: true, force: true });
      renameSync(BUILDING, DIST);
    }
    mkdirSync(SHOTS, { recursive: true });
    context = ctx;
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
  }, 420_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await stack?.stop();
    await db?.drop();
    await sms?.close();
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
    // The page settles into the narrow viewport (charts redraw for their new box) before it is measured.
    await page
      .waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, undefined, { timeout: 2000 })
      .catch(() => undefined);
    // On overflow, the innermost elements that stick out are named, so a failure says where to look.
    const { overflow, wide } = await page.evaluate(() => {
      const w = window.innerWidth;
      const out = Array.from(document.querySelectorAll('body *')).filter(
        (e) => e.getBoundingClientRect().right > w + 0.5,
      );
      const innermost = out.filter((e) => !out.some((o) => o !== e && e.contains(o)));
      return {
        overflow: document.documentElement.scrollWidth - w,
        wide: innermost
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)}: ${(e.textContent ?? '').slice(0, 40)}`),
      };
    });
    expect({ page: name, overflow, wide: overflow ? wide : [] }).toEqual({ page: name, overflow: 0, wide: [] });
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
    // Warnings arrive over the socket: with it up the page does not poll, so the new warning below can
    // only come from the push, and the marker proves the page was not reloaded.
    const warnings = page.locator('#warnings');
    await warnings.locator('[data-live="ws"]').waitFor();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    const { createWarningRule } = await graph(
      `mutation($i: WarningRuleInput!) { createWarningRule(input: $i) { id } }`,
      {
        i: {
          name: '全县存在超期任务（测试）',
          metric: 'OVERDUE_TASKS',
          comparison: 'GTE',
          threshold: 0,
          divisionLevel: 'COUNTY',
          windowDays: 1,
        },
      },
    );
    const raised = await graph(
      `{ warnings(status: OPEN, divisionCode: "330522", first: 50) { nodes { id rule { id } } } }`,
    );
    const warningId = raised.warnings.nodes.find(
      (w: { rule: { id: string } }) => w.rule.id === createWarningRule.id,
    ).id;
    const item = warnings.locator(`li[data-warning="${warningId}"]`);
    await item.waitFor();
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await item.getByLabel('处理情况').fill('已通知各乡镇清理超期任务');
    await item.getByRole('button', { name: '确认处理' }).click();
    await item.locator('p', { hasText: '已确认' }).waitFor();
    // Resolving without a reason: the server's own words, in Chinese, next to the form.
    await item.getByRole('button', { name: '手动解除' }).click();
    const refused = item.locator('form[data-action="resolve"] [role="alert"]');
    await expect(refused.getAttribute('data-code')).resolves.toBe('VALIDATION_FAILED');
    await expect(refused.innerText()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await item.getByLabel('解除理由').fill('超期任务已另行督办');
    await item.getByRole('button', { name: '手动解除' }).click();
    await item.waitFor({ state: 'detached' });
    const { warning } = await graph(`query($id: ID!) { warning(id: $id) { status resolvedBy resolutionNote } }`, {
      id: warningId,
    });
    expect(warning).toMatchObject({
      status: 'RESOLVED',
      resolvedBy: DEMO_ROLES.admin!.sub,
      resolutionNote: '超期任务已另行督办',
    });
    await expect(page.locator('.kpis').innerText()).resolves.toContain('自动履行率');
    await expect(page.locator('.kpis').innerText()).resolves.toContain('终本恢复执行');
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

  it('gives a county department the county’s figures and rankings, without warnings', async () => {
    await signInAs('department');
    await page.waitForURL(/\/workbench/);
    await page.getByRole('link', { name: '数字驾驶舱' }).click();
    await page.locator('.kpi').first().waitFor();
    await page.locator('#ranking ol a', { hasText: '虹星桥镇' }).waitFor();
    await page.locator('#series canvas').first().waitFor();
    await page.locator('#department-note').waitFor();
    expect(await page.locator('#warnings').count()).toBe(0);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    await checkPage('cockpit-department');
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

    // A task opened for the village while the workbench is open arrives by the socket (no polling then).
    await page.locator('[data-live="ws"]').waitFor();
    const pushed = await graph(`mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
      i: {
        caseId: target.id,
        type: 'INTERVIEW',
        level: 'VILLAGE',
        divisionCode: VILLAGE,
        title: '实时推送任务（测试）',
        dueAt: due,
      },
    });
    await page.locator(`li[data-task="${pushed.createTask.id}"]`).waitFor();

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
      `query($d: ID!) { cases(filter: { divisionCode: $d, open: true }, first: 1) { nodes { id caseNumber } } }`,
      { d: VILLAGE },
    );
    const other = await graph(`query($d: ID!) { cases(filter: { divisionCode: $d }, first: 1) { nodes { id } } }`, {
      d: OTHER_VILLAGE,
    });
    await page.goto(`${origin}/case/${own.cases.nodes[0].id}`);
    await page.locator('h1', { hasText: own.cases.nodes[0].caseNumber }).waitFor();
    await page.locator('#timeline li').first().waitFor();
    // A payment recorded elsewhere arrives by the socket (the page does not poll while it is up), no reload.
    await page.locator('[data-live="ws"]').waitFor();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await graph(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { __typename } }`, {
      i: {
        caseId: own.cases.nodes[0].id,
        amountFen: 100,
        paidOn: new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }),
        channel: '村委会代收',
      },
    });
    await page.locator('#payments li', { hasText: '村委会代收' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await page.locator('#plan').getByLabel('走访情况').fill('上门走访，本人在家，表示将筹款');
    await page.locator('#plan').getByRole('button', { name: '记录走访' }).click();
    await page.locator('#plan li', { hasText: '上门走访，本人在家，表示将筹款' }).waitFor();
    // The visit's file: a type not accepted is refused in the server's words, naming the field; a PDF is
    // uploaded (the link from tasks, the bytes PUT to the gateway), listed, and downloads as it went up.
    const visit = page.locator('#plan li[data-visit]', { hasText: '上门走访，本人在家，表示将筹款' });
    await visit.locator('summary').click();
    const uploadForm = visit.getByRole('form');
    await uploadForm.getByLabel('选择文件').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('plain text'),
    });
    await uploadForm.getByRole('button', { name: '上传附件' }).click();
    const uploadError = uploadForm.locator('[role="alert"]');
    await expect(uploadError.getAttribute('data-field')).resolves.toBe('contentType');
    await expect(uploadError.innerText()).resolves.toMatch(/[\u4e00-\u9fff]/);
    const pdf = Buffer.from('%PDF-1.7\n% 走访照片\n1 0 obj << >> endobj\n%%EOF\n');
    await uploadForm
      .getByLabel('选择文件')
      .setInputFiles({ name: '走访记录.pdf', mimeType: 'application/pdf', buffer: pdf });
    await uploadForm.getByRole('button', { name: '上传附件' }).click();
    await uploadForm.locator('[role="status"]', { hasText: '走访记录.pdf' }).waitFor();
    const link = visit.locator('[data-attachment] a', { hasText: '走访记录.pdf' });
    await link.waitFor();
    await expect(visit.locator('[data-attachment]').innerText()).resolves.toContain('application/pdf');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/attachments\/[\w-]+\.[\w-]+$/);
    const downloaded = await page.evaluate(async (url) => {
      const r = await fetch(url!);
      return {
        status: r.status,
        disposition: r.headers.get('content-disposition'),
        bytes: Array.from(new Uint8Array(await r.arrayBuffer())),
      };
    }, href);
    expect(downloaded.status).toBe(200);
    expect(downloaded.disposition).toContain(encodeURIComponent('走访记录.pdf'));
    expect(Buffer.from(downloaded.bytes).equals(pdf)).toBe(true);
    // 一人一策: refused without an approach (the server's words, naming the field), then saved.
    const planForm = page.getByRole('form', { name: '保存方案' });
    await planForm.getByLabel('帮扶思路').fill('');
    await planForm.getByRole('button', { name: '保存方案' }).click();
    const planError = planForm.locator('[role="alert"]');
    await expect(planError.getAttribute('data-field')).resolves.toBe('approach');
    await expect(planError.innerText()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await planForm.getByLabel('帮扶思路').fill('以劝导为主，联系亲属协助筹款');
    await planForm.getByLabel('下一步（每行一项）').fill('本周再次走访\n联系其子女');
    await planForm.getByRole('button', { name: '保存方案' }).click();
    await page.locator('#plan p', { hasText: '以劝导为主，联系亲属协助筹款' }).waitFor();
    await page.locator('#plan ol li', { hasText: '联系其子女' }).waitFor();
    // The property declaration: a negative number of dependants is refused by the server, then filed.
    const declForm = page.getByRole('form', { name: '财产申报' });
    await declForm.getByLabel('月收入（元）').fill('3000');
    await declForm.getByLabel('赡养/抚养人数').fill('-1');
    await declForm.getByRole('button', { name: '增加一项财产' }).click();
    await declForm.getByLabel('第 1 项财产类别').selectOption('VEHICLE');
    await declForm.getByLabel('第 1 项财产说明').fill('二手面包车一辆');
    await declForm.getByLabel('第 1 项价值（元）').fill('20000');
    await declForm.getByRole('button', { name: '提交申报' }).click();
    await expect(declForm.locator('[role="alert"]').getAttribute('data-field')).resolves.toBe('dependants');
    await declForm.getByLabel('赡养/抚养人数').fill('2');
    await declForm.getByRole('button', { name: '提交申报' }).click();
    await page.locator('#declarations li', { hasText: '车辆' }).waitFor();
    await expect(page.locator('#declarations').innerText()).resolves.toContain('3,000.00');
    await checkPage('case');
    // The console sends the UI's language: the timeline comes back in English after the switch.
    expect(await page.locator('#timeline').innerText()).not.toMatch(/[a-z]{4,}/);
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .locator('#timeline li', { hasText: /[a-z]{4,}/ })
      .first()
      .waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('h2', { hasText: '案件进程' }).waitFor();
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

    // Warning rules: a rate threshold above 1 is refused by the server, naming the field; then added and edited.
    const newRule = page.getByRole('form', { name: '新增预警规则' });
    await newRule.getByLabel('预警名称').fill('乡镇执行完毕率过低（测试）');
    await newRule.getByLabel('指标').selectOption('COMPLETION_RATE');
    await newRule.getByLabel('比较').selectOption('LT');
    await newRule.getByLabel('阈值').fill('2');
    await newRule.getByLabel('区划层级').selectOption('TOWNSHIP');
    await newRule.getByLabel('统计天数').fill('90');
    await newRule.getByRole('button', { name: '新增规则' }).click();
    const ruleError = newRule.locator('[role="alert"]');
    await expect(ruleError.getAttribute('data-field')).resolves.toBe('threshold');
    await expect(ruleError.innerText()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await newRule.getByLabel('阈值').fill('0.3');
    await newRule.getByRole('button', { name: '新增规则' }).click();
    const listed = page.locator('#warning-rules li[data-rule]', { hasText: '乡镇执行完毕率过低（测试）' });
    await listed.waitFor();
    await listed.getByRole('button', { name: /修改/ }).click();
    const edit = page.getByRole('form', { name: '修改预警规则：乡镇执行完毕率过低（测试）' });
    await edit.getByLabel('阈值').fill('0.25');
    await edit.getByLabel('启用').uncheck();
    await edit.getByRole('button', { name: '保存规则' }).click();
    await edit.waitFor({ state: 'detached' });
    const { warningRules } = await graph(`{ warningRules { name threshold enabled } }`);
    expect(warningRules).toContainEqual({ name: '乡镇执行完毕率过低（测试）', threshold: 0.25, enabled: false });
  });

  it('shows a demo party its own cases in development', async () => {
    const { cases } = await graph(
      `{ cases(filter: { open: true }, first: 1) { nodes { caseNumber primaryObligor { id name } } } }`,
    );
    const obligor = cases.nodes[0].primaryObligor;
    await page.goto(`${origin}/sign-in`);
    await page.locator('select[data-role="party"]').selectOption(obligor.id);
    await page.waitForURL(/\/portal/);
    await page.locator('h1', { hasText: obligor.name }).waitFor();
    await page.locator('.cards a', { hasText: cases.nodes[0].caseNumber }).waitFor();
    await checkPage('portal');
  });

  /** Signs a party in on /sign-in with the code its phone got (the SMS gateway's copy). */
  async function signInByCode(phone: string, check = false): Promise<void> {
    const before = sms.received.length;
    await page.goto(`${origin}/sign-in`);
    const form = page.locator('#party-sign-in');
    await form.getByLabel('手机号').fill(phone);
    await form.getByRole('button', { name: '获取验证码' }).click();
    const message = await waitFor(() => sms.received.slice(before).find((m) => m.phone === phone), {
      what: 'the sign-in code SMS',
    });
    const code = /验证码为(\d{6})/.exec(message.body)![1]!;
    await form.getByLabel('短信验证码').fill(code);
    if (check) await checkPage('sign-in');
    await form.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/portal/);
  }

  it('lets an obligor sign in by SMS and propose instalments, the obligee consent and the officer accept', async () => {
    const serial = Date.now() % 100_000;
    const person = async (name: string, phone: string, n: number) =>
      (
        await graph(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, {
          i: { name, idNumber: residentIdNumber('19800505', 800 + n), phone, homeDivisionCode: VILLAGE },
        })
      ).registerPerson.id as string;
    const obligorPhone = '13655551001';
    const obligeePhone = '13655551002';
    const obligor = await person('钱分期', obligorPhone, 1);
    const obligee = await person('孙同意', obligeePhone, 2);
    const { causesOfAction, staffMembers } = await graph(
      `{ causesOfAction { code } staffMembers(role: "JUDGE", first: 1) { nodes { id } } }`,
    );
    const takeIn = (caseNumber: string) =>
      waitFor(
        async () => {
          const r = await gqlRequest(
            stack.gatewayUrl,
            `mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id village { code } } }`,
            {
              i: {
                caseNumber,
                court: '长兴县人民法院',
                causeCode: causesOfAction[0].code,
                judgeId: staffMembers.nodes[0].id,
                effectiveDate: new Date().toISOString().slice(0, 10),
                obligorIds: [obligor],
                obligeeIds: [obligee],
                principalFen: 600_000,
              },
            },
            undefined,
            admin,
          );
          return r.data?.takeInJudgment?.village ? (r.data.takeInJudgment.id as string) : undefined;
        },
        { what: 'the judgment routed to its village', timeoutMs: 20_000 },
      );
    const caseNumber = `(2026)浙0522民初${40_000 + serial}号`;
    const caseId = await takeIn(caseNumber);
    // Three more cases of the same obligor, one for each other way of coming forward.
    const others = await Promise.all(
      (['PAY_NOW', 'PROPOSE_SETTLEMENT', 'REQUEST_GRACE'] as const).map(async (intent, k) => {
        const number = `(2026)浙0522民初${50_000 + serial * 3 + k}号`;
        return { intent, number, id: await takeIn(number) };
      }),
    );
    // Proposals live in tasks, which learns of the case from its event.
    for (const id of [caseId, ...others.map((o) => o.id)])
      await waitFor(async () => (await graph(`query($id: ID!) { case(id: $id) { proposals { id } } }`, { id })).case, {
        what: 'tasks to know the case',
      });

    await signInByCode(obligorPhone, true);
    await page.locator('h1', { hasText: '钱分期' }).waitFor();
    // The access token is renewed a minute before it expires, with a rotated refresh token.
    const first = await page.evaluate(() => [
      sessionStorage.getItem('zhiyuan.session'),
      sessionStorage.getItem('zhiyuan.refresh'),
    ]);
    await page.waitForFunction((t) => sessionStorage.getItem('zhiyuan.session') !== t, first[0], { timeout: 20_000 });
    const renewed = await page.evaluate(() => sessionStorage.getItem('zhiyuan.refresh'));
    expect(renewed).toBeTruthy();
    expect(renewed).not.toBe(first[1]);
    await page.locator('.cards li', { hasText: caseNumber }).locator('text=我是被执行人').waitFor();
    await page.locator('.cards a', { hasText: caseNumber }).click();
    await page.locator('h1', { hasText: caseNumber }).waitFor();
    // The other side masked, the village team with their phones.
    const counterpart = page.locator('#party-view li', { hasText: '孙同意' });
    await expect(counterpart.innerText()).resolves.toMatch(/\d{10}\*{4}\d{3}[\dX]/);
    expect(await page.locator('main').innerText()).not.toMatch(FULL_ID_NUMBER);
    await page.locator('#team li').first().waitFor();

    const form = page.getByRole('form', { name: '主动履行申请' });
    const due = (days: number) =>
      new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await form.getByLabel('第 1 期到期日').fill(due(60));
    await form.getByLabel('第 1 期金额（元）').fill('1000');
    await form.getByRole('button', { name: '增加一期' }).click();
    await form.getByLabel('第 2 期到期日').fill(due(30));
    await form.getByLabel('第 2 期金额（元）').fill('2000');
    await form.getByRole('button', { name: '提交申请' }).click();
    // Checked here as the server checks it: the second instalment falls due before the first.
    await expect(form.locator('[role="alert"]').getAttribute('data-field')).resolves.toBe(
      'instalments.schedule.1.dueDate',
    );
    await form.getByLabel('第 1 期到期日').fill(due(30));
    await form.getByLabel('第 2 期到期日').fill(due(60));
    await form.getByRole('button', { name: '提交申请' }).click();
    const proposal = page.locator('#proposals li[data-proposal]');
    await proposal.and(page.locator('[data-status="SUBMITTED"]')).waitFor();
    await expect(proposal.innerText()).resolves.toContain('分期履行方案');
    await checkPage('case-party');
    // The other three intents, each on its own case: paid at the village, a settlement, a grace period.
    const fill: Record<(typeof others)[number]['intent'], (f: typeof form) => Promise<void>> = {
      PAY_NOW: async (f) => {
        await f.getByLabel('金额（元）').fill('500');
        await f.getByLabel('付款日期').fill(due(0));
        await f.getByLabel('备注').fill('已在村委会交付现金');
      },
      PROPOSE_SETTLEMENT: async (f) => {
        await f.getByLabel('金额（元）').fill('5000');
        await f.getByLabel('付清日期').fill(due(20));
        await f.getByLabel('条件说明').fill('一次性支付五千元了结本案');
      },
      REQUEST_GRACE: async (f) => {
        await f.getByLabel('宽限月数').selectOption('2');
        await f.getByLabel('困难情况说明').fill('家中老人住院，收入中断');
      },
    };
    const named: Record<string, string> = {
      PAY_NOW: '履行款项申报',
      PROPOSE_SETTLEMENT: '执行和解方案',
      REQUEST_GRACE: '宽限期申请',
    };
    // people-credit learns of each case's parties from its events: wait until it gives the party its side.
    const partyToken = await page.evaluate(() => sessionStorage.getItem('zhiyuan.session'));
    for (const { id } of others)
      await waitFor(
        async () => {
          const r = await gqlRequest(
            stack.gatewayUrl,
            `query($id: ID!) { case(id: $id) { partyView { mySides } } }`,
            { id },
            undefined,
            { authorization: `Bearer ${partyToken}` },
          );
          return r.data?.case?.partyView?.mySides?.includes('OBLIGOR') ? true : undefined;
        },
        { what: 'the party’s side of the case', timeoutMs: 20_000 },
      );
    for (const { intent, id } of others) {
      await page.goto(`${origin}/case/${id}`);
      const f = page.getByRole('form', { name: '主动履行申请' });
      await f.getByLabel('申请类型').selectOption(intent);
      await fill[intent](f);
      await f.getByRole('button', { name: '提交申请' }).click();
      const made = page.locator('#proposals li[data-proposal][data-status="SUBMITTED"]');
      await made.waitFor();
      await expect(made.innerText()).resolves.toContain(named[intent]);
    }
    const intents = await Promise.all(
      others.map(
        async ({ id }) =>
          (await graph(`query($id: ID!) { case(id: $id) { proposals { intent status } } }`, { id })).case.proposals,
      ),
    );
    expect(intents).toEqual(others.map(({ intent }) => [{ intent, status: 'SUBMITTED' }]));
    // Sign-out ends the session on the server: its refresh token no longer works.
    const spent = await page.evaluate(() => sessionStorage.getItem('zhiyuan.refresh'));
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL(/\/board/);
    await waitFor(
      async () => {
        const r = await gqlRequest(
          stack.gatewayUrl,
          `mutation($t: String!) { refreshSession(refreshToken: $t) { partyId } }`,
          { t: spent },
        );
        return r.errors?.length ? true : undefined;
      },
      { what: 'the signed-out refresh token refused' },
    );

    await signInByCode(obligeePhone);
    await page.locator('.cards li', { hasText: caseNumber }).locator('text=我是申请执行人').waitFor();
    await page.goto(`${origin}/case/${caseId}`);
    const asked = page.locator('#proposals li[data-proposal]');
    await asked.getByRole('button', { name: '同意', exact: true }).click();
    await page.locator('#proposals li[data-status="CONSENTED"]').waitFor();

    await signInAs('officer');
    await page.waitForURL(/\/workbench/);
    const awaiting = page.locator('#awaiting li', { hasText: caseNumber });
    await awaiting.getByRole('button', { name: '准予' }).waitFor();
    await checkPage('workbench-proposals');
    await awaiting.getByRole('button', { name: '准予' }).click();
    await awaiting.waitFor({ state: 'detached' });
    const { proposals } = (await graph(`query($id: ID!) { case(id: $id) { proposals { status } } }`, { id: caseId }))
      .case;
    expect(proposals).toEqual([{ status: 'ACCEPTED' }]);

    // The open-cases list as a CSV file, fetched with the officer's token.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-list="open-cases"] button[data-format="csv"]').click(),
    ]);
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      '案号,状态,被执行人,证件号码,信用分类,村,执行标的（元）,已履行（元）,未履行（元）,生效日期,逾期,执行员',
    );
    expect(csv).toContain(caseNumber);
    expect(csv).not.toMatch(FULL_ID_NUMBER);

    // cases records the plan from tasks' decision: the case page shows its instalments.
    await waitFor(
      async () =>
        (await graph(`query($id: ID!) { case(id: $id) { settlements { id } } }`, { id: caseId })).case.settlements[0],
      { what: 'the instalment plan recorded' },
    );
    await page.goto(`${origin}/case/${caseId}`);
    const plan = page.locator('#settlements .instalments li');
    await plan.nth(1).waitFor();
    await expect(plan.allInnerTexts()).resolves.toEqual([
      expect.stringContaining(due(30)),
      expect.stringContaining(due(60)),
    ]);
    await expect(plan.first().innerText()).resolves.toContain('1,000.00');
    await page.locator('#proposals li[data-status="ACCEPTED"]').waitFor();
  });

  it('serves the GraphQL explorer in development with the demo tokens', async () => {
    await page.goto(`${origin}/explorer`);
    await page.locator('.graphiql-container').waitFor();
    await expect(page.getByLabel('以角色身份').inputValue()).resolves.toBe('admin');
    // GraphiQL's own editor widget (a development tool from npm) is left to its authors; the page around it is checked.
    await checkPage('explorer', { exclude: ['.graphiql-container'] });
  });

  it('falls back to polling when the socket fails', async () => {
    // The last test: the route stays on the page. Every socket to /graphql is refused here.
    let refused = 0;
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      refused++;
      void ws.close({ code: 1011, reason: 'refused in the test' });
    });
    await signInAs('liaison');
    await page.waitForURL(/\/workbench/);
    await page.locator('#cases tbody tr').first().waitFor();
    await waitFor(() => (refused > 0 ? true : undefined), { what: 'the console to try its socket' });
    expect(await page.locator('[data-live]').getAttribute('data-live')).toBe('poll');
    await expect(page.locator('[data-live]').innerText()).resolves.toContain('15');
  });
});
