import ExcelJS from 'exceljs';
import { DEMO_ROLES, issueToken, type TokenClaims } from '@zhiyuan/gateway';
import { gqlRequest, silentLogger, waitFor } from '@zhiyuan/testing';
import { loadDemoCases } from '../src';
import { useE2eStack, DEV_JWT } from './support/e2e';

const GANGKOU = '330522104201';
const BAISHUI = '330522104202';

/**
 * The village's lists as files through the gateway's /exports: the same rows, scope and masking as
 * the query each mirrors, read page by page (one row a page here), and one audit entry per download.
 */
describe('list downloads through the gateway', () => {
  const e2e = useE2eStack({ name: 'exports', env: { EXPORT_PAGE_SIZE: '1' } });
  const auth = e2e.auth;
  const base = () => e2e.gatewayUrl.replace(/\/graphql$/, '');
  const download = (path: string, role?: string) => fetch(`${base()}${path}`, { headers: role ? auth[role] : {} });
  const csvRows = async (res: Response) => {
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM that makes Excel read UTF-8
    return bytes
      .subarray(3)
      .toString('utf8')
      .split('\r\n')
      .filter(Boolean)
      .map((l) => l.split(','));
  };
  const ok = async (role: string | null, query: string, variables: Record<string, unknown> = {}) => {
    const r = await gqlRequest(e2e.gatewayUrl, query, variables, undefined, role ? auth[role]! : {});
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };

  beforeAll(async () => {
    const elsewhere = { ...DEMO_ROLES.cadre!, sub: 'cadre-of-baishui', divisionCode: BAISHUI } as TokenClaims;
    auth.cadreElsewhere = { authorization: `Bearer ${await issueToken(elsewhere, DEV_JWT)}` };
    await loadDemoCases(e2e.gatewayUrl, DEV_JWT, silentLogger);
  });

  it("gives a cadre the village's open cases as CSV, every page, masked, in yuan, and audits it once", async () => {
    const expected = (
      await ok(
        'cadre',
        `query($d: ID!) { cases(filter: { divisionCode: $d, open: true }, first: 50) {
          nodes { caseNumber outstandingFen primaryObligor { name idNumberMasked } } } }`,
        { d: GANGKOU },
      )
    ).cases.nodes as { caseNumber: string; outstandingFen: number; primaryObligor: { name: string } }[];
    expect(expected.length).toBeGreaterThan(1); // more than one page of one

    const res = await download(`/exports/open-cases.csv?divisionCode=${GANGKOU}`, 'cadre');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="open-cases-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const [header, ...rows] = await csvRows(res);
    expect(header!.slice(0, 4)).toEqual(['案号', '状态', '被执行人', '证件号码']);
    expect(rows.map((r) => r[0]).sort()).toEqual(expected.map((c) => c.caseNumber).sort());
    for (const r of rows) expect(r[3]).toMatch(/^\d{10}\*{4}\d{3}[\dX]$/);
    const first = expected[0]!;
    const row = rows.find((r) => r[0] === first.caseNumber)!;
    expect(row[2]).toBe(first.primaryObligor.name);
    expect(row[8]).toBe((first.outstandingFen / 100).toFixed(2));

    const entries = await waitFor(
      async () => {
        const d = await ok(
          'admin',
          `{ auditLog(filter: { action: EXPORT }, first: 20) { nodes { actor service operation targetKind targetId outcome } } }`,
        );
        return d.auditLog.nodes.length ? d.auditLog.nodes : undefined;
      },
      { what: 'the export audit entry' },
    );
    expect(entries).toEqual([
      {
        actor: DEMO_ROLES.cadre!.sub,
        service: 'cases',
        operation: 'open-cases',
        targetKind: 'DIVISION',
        targetId: GANGKOU,
        outcome: 'OK',
      },
    ]);
  });

  it("narrows to the caller's scope as the query does, and refuses an anonymous caller", async () => {
    // The case list of another village is empty for this village's cadre, and not for the county.
    const [, ...theirs] = await csvRows(await download(`/exports/open-cases.csv?divisionCode=${BAISHUI}`, 'cadre'));
    expect(theirs).toEqual([]);
    const [, ...county] = await csvRows(await download(`/exports/open-cases.csv?divisionCode=${BAISHUI}`, 'admin'));
    expect(county.length).toBeGreaterThan(0);
    const anonymous = await download(`/exports/open-cases.xlsx?divisionCode=${GANGKOU}`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers bad requests with the field at fault and writes no audit entry', async () => {
    const cases: [string, number, string, string | undefined][] = [
      [`/exports/open-cases.csv?divisionCode=12`, 400, 'VALIDATION_FAILED', 'divisionCode'],
      [`/exports/open-cases.csv`, 400, 'VALIDATION_FAILED', 'divisionCode'],
      [`/exports/open-cases.csv?divisionCode=${GANGKOU}&x=1`, 400, 'VALIDATION_FAILED', 'x'],
      [`/exports/open-cases.pdf?divisionCode=${GANGKOU}`, 400, 'VALIDATION_FAILED', 'format'],
      [`/exports/obligors.csv?divisionCode=${GANGKOU}&classification=NICE`, 400, 'VALIDATION_FAILED', 'classification'],
      [`/exports/nothing.csv`, 404, 'NOT_FOUND', undefined],
      [`/exports/meeting-invitations.csv?meetingId=00000000-0000-4000-8000-000000000000`, 404, 'NOT_FOUND', undefined],
    ];
    for (const [path, status, code, field] of cases) {
      const res = await download(path, 'judge');
      const body = await res.json();
      expect([path, res.status, body.errors[0].extensions.code, body.errors[0].extensions.field]).toEqual([
        path,
        status,
        code,
        field,
      ]);
    }
    const d = await ok(
      'admin',
      `{ auditLog(filter: { action: EXPORT, actor: "${DEMO_ROLES.judge!.sub}" }) { nodes { id } } }`,
    );
    expect(d.auditLog.nodes).toEqual([]);
  });

  it('gives anyone the public board as XLSX, with the masking of the board query', async () => {
    const board = await waitFor(
      async () => {
        const d = await ok(
          null,
          `{ exposureBoard(divisionCode: "330522") { nodes { name idNumberMasked outstandingFen } } }`,
        );
        return d.exposureBoard.nodes.length ? d.exposureBoard.nodes : undefined;
      },
      { what: 'a board entry' },
    );
    const res = await download(`/exports/exposure-board.xlsx?divisionCode=330522`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.worksheets[0]!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['姓名', '性别', '年龄', '证件号码', '案号', '未履行（元）', '失信情形', '公布日期']);
    expect(sheet.rowCount).toBe(board.length + 1);
    expect(values(2)[0]).toBe(board[0].name);
    expect(values(2)[3]).toBe(board[0].idNumberMasked);
    expect(values(2)[5]).toBe(board[0].outstandingFen / 100); // a number the spreadsheet can add up
  });

  it('filters the obligors list by current classification like the parties query', async () => {
    const all = (
      await ok(
        'officer',
        `{ parties(divisionCode: "330522104", first: 100) { nodes { name creditProfile { classification } } } }`,
      )
    ).parties.nodes as { name: string; creditProfile: { classification: string } | null }[];
    const classified = all.filter((p) => p.creditProfile);
    expect(classified.length).toBeGreaterThan(0);
    const wanted = classified[0]!.creditProfile!.classification;
    const res = await download(`/exports/obligors.csv?divisionCode=330522104&classification=${wanted}`, 'officer');
    expect(res.status).toBe(200);
    const [, ...rows] = await csvRows(res);
    expect(rows.map((r) => r[0]).sort()).toEqual(
      classified
        .filter((p) => p.creditProfile!.classification === wanted)
        .map((p) => p.name)
        .sort(),
    );
  });

  it("gives the village its meeting's invitation list with a column to sign, and no one else", async () => {
    const meeting = (
      await ok('cadre', `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`, {
        i: {
          villageCode: GANGKOU,
          title: '集中执行大会',
          venue: '港口村文化礼堂',
          scheduledAt: '2027-01-15T09:00:00+08:00',
        },
      })
    ).scheduleMeeting.id as string;
    const invitees = await waitFor(
      async () => {
        const d = await ok(
          'cadre',
          `query($id: ID!) { meeting(id: $id) { invitees { partyName case { caseNumber } } } }`,
          {
            id: meeting,
          },
        );
        return d.meeting.invitees.length ? d.meeting.invitees : undefined;
      },
      { what: 'the invitees' },
    );
    const res = await download(`/exports/meeting-invitations.xlsx?meetingId=${meeting}`, 'cadre');
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '姓名',
      '证件号码',
      '电话',
      '案号',
      '未履行（元）',
      '到场',
      '结果',
      '签名',
    ]);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) =>
      (sheet.getRow(i + 2).values as unknown[]).slice(1),
    );
    expect(rows.map((r) => [r[0], r[3]]).sort()).toEqual(
      invitees.map((i: { partyName: string; case: { caseNumber: string } }) => [i.partyName, i.case.caseNumber]).sort(),
    );
    const elsewhere = await download(`/exports/meeting-invitations.csv?meetingId=${meeting}`, 'cadreElsewhere');
    expect(elsewhere.status).toBe(403);
    expect((await elsewhere.json()).errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
