import { z } from 'zod';
import { CASE_STATE, CLASSIFICATION, LISTING_GROUND, MEETING_OUTCOME, label, yuan } from './labels';

/** One column of a downloaded list: its heading and how a row of the query's answer fills it. */
export interface ExportColumn {
  header: string;
  /** Width in characters in XLSX and PDF. */
  width: number;
  value: (row: Row) => string | number | null;
}

/** A row is the query's JSON answer; the column functions read what their query selects. */
type Row = any;

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * A list a village or township works from, as a file: the GraphQL query it mirrors (so the same
 * access rules and masking apply, under the caller's own identity), how its pages are read, its
 * columns, and the query-string parameters it takes.
 */
export interface ExportList {
  name: string;
  title: (params: Record<string, string>, answer: Row) => string;
  formats: readonly ExportFormat[];
  /** Readable without signing in (the public board); every other list needs a signed-in caller. */
  public?: boolean;
  params: z.ZodType<Record<string, string | undefined>>;
  query: string;
  /** The query's variables, but `after`; `first` is the page size the gateway reads with. */
  variables: (params: Record<string, string | undefined>, first: number) => Record<string, unknown>;
  /** Where the rows and the next cursor are in an answer; a list of one page has no cursor. */
  page: (data: Row) => { rows: Row[]; endCursor: string | null; title?: string };
  columns: ExportColumn[];
}

const divisionCode = z.string().regex(/^\d{6}(\d{3}){0,2}$/, 'a county (6 digits), township (9) or village (12) code');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD');

const connection = (c: Row) => ({
  rows: c.nodes as Row[],
  endCursor: c.pageInfo.hasNextPage ? (c.pageInfo.endCursor as string) : null,
});

const openCases: ExportList = {
  name: 'open-cases',
  title: (p) => `未结案件清单 ${p.divisionCode}`,
  formats: ['csv', 'xlsx'],
  params: z.strictObject({ divisionCode }),
  query: `query ExportOpenCases($divisionCode: ID!, $first: Int!, $after: String) {
    cases(filter: { divisionCode: $divisionCode, open: true }, first: $first, after: $after) {
      nodes {
        caseNumber state court effectiveDate amountOwedFen paidFen outstandingFen overdue
        village { name }
        enforcementOfficer { name }
        primaryObligor { name idNumberMasked creditProfile { classification } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  variables: (p, first) => ({ divisionCode: p.divisionCode, first }),
  page: (d) => connection(d.cases),
  columns: [
    { header: '案号', width: 24, value: (r) => r.caseNumber },
    { header: '状态', width: 10, value: (r) => label(CASE_STATE, r.state) },
    { header: '被执行人', width: 14, value: (r) => r.primaryObligor?.name ?? null },
    { header: '证件号码', width: 20, value: (r) => r.primaryObligor?.idNumberMasked ?? null },
    {
      header: '信用分类',
      width: 10,
      value: (r) => label(CLASSIFICATION, r.primaryObligor?.creditProfile?.classification),
    },
    { header: '村', width: 10, value: (r) => r.village?.name ?? null },
    { header: '执行标的（元）', width: 14, value: (r) => yuan(r.amountOwedFen) },
    { header: '已履行（元）', width: 14, value: (r) => yuan(r.paidFen) },
    { header: '未履行（元）', width: 14, value: (r) => yuan(r.outstandingFen) },
    { header: '生效日期', width: 12, value: (r) => r.effectiveDate },
    { header: '逾期', width: 6, value: (r) => (r.overdue ? '是' : '否') },
    { header: '执行员', width: 10, value: (r) => r.enforcementOfficer?.name ?? null },
  ],
};

const obligors: ExportList = {
  name: 'obligors',
  title: (p) => `被执行人信用分类清单 ${p.divisionCode}`,
  formats: ['csv', 'xlsx'],
  params: z.strictObject({
    divisionCode,
    classification: z.enum(Object.keys(CLASSIFICATION) as [string, ...string[]]).optional(),
    graceEndsBefore: date.optional(),
  }),
  query: `query ExportObligors($divisionCode: ID!, $classification: CreditClassification, $graceEndsBefore: Date, $first: Int!, $after: String) {
    parties(divisionCode: $divisionCode, classification: $classification, graceEndsBefore: $graceEndsBefore, first: $first, after: $after) {
      nodes {
        name idNumberMasked
        homeDivision { name }
        creditProfile { classification graceUntil }
        listings(activeOnly: true) { id }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  variables: (p, first) => ({
    divisionCode: p.divisionCode,
    classification: p.classification ?? null,
    graceEndsBefore: p.graceEndsBefore ?? null,
    first,
  }),
  page: (d) => connection(d.parties),
  columns: [
    { header: '姓名/名称', width: 16, value: (r) => r.name },
    { header: '证件号码', width: 20, value: (r) => r.idNumberMasked },
    { header: '户籍/注册地', width: 12, value: (r) => r.homeDivision?.name ?? null },
    { header: '信用分类', width: 10, value: (r) => label(CLASSIFICATION, r.creditProfile?.classification) },
    { header: '宽限期至', width: 12, value: (r) => r.creditProfile?.graceUntil ?? null },
    { header: '失信名单', width: 8, value: (r) => (r.listings?.length ? '在列' : '') },
  ],
};

const exposureBoard: ExportList = {
  name: 'exposure-board',
  title: (_p, d) => `${d.exposureBoard.divisionName}失信被执行人曝光台`,
  formats: ['csv', 'xlsx', 'pdf'],
  public: true,
  params: z.strictObject({ divisionCode }),
  query: `query ExportExposureBoard($divisionCode: ID!, $first: Int!, $after: String) {
    exposureBoard(divisionCode: $divisionCode, first: $first, after: $after) {
      divisionName
      nodes { name gender age idNumberMasked amountOwedFen outstandingFen conduct caseNumber court listedDate }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  variables: (p, first) => ({ divisionCode: p.divisionCode, first }),
  page: (d) => connection(d.exposureBoard),
  columns: [
    { header: '姓名', width: 10, value: (r) => r.name },
    { header: '性别', width: 5, value: (r) => (r.gender === 'MALE' ? '男' : r.gender === 'FEMALE' ? '女' : null) },
    { header: '年龄', width: 5, value: (r) => r.age ?? null },
    { header: '证件号码', width: 20, value: (r) => r.idNumberMasked },
    { header: '案号', width: 22, value: (r) => r.caseNumber ?? null },
    { header: '未履行（元）', width: 13, value: (r) => yuan(r.outstandingFen) },
    { header: '失信情形', width: 24, value: (r) => label(LISTING_GROUND, r.conduct) },
    { header: '公布日期', width: 11, value: (r) => r.listedDate },
  ],
};

const researchDue: ExportList = {
  name: 'research-due',
  title: (p) => `终本案件财产复查清单 ${p.divisionCode}`,
  formats: ['csv', 'xlsx'],
  params: z.strictObject({ divisionCode, before: date.optional() }),
  query: `query ExportResearchDue($divisionCode: ID!, $before: Date, $first: Int!, $after: String) {
    researchDue(divisionCode: $divisionCode, before: $before, first: $first, after: $after) {
      nodes {
        caseNumber enforcementNumber nextResearchDue openAssetLeadAt outstandingFen closedAt
        village { name }
        enforcementOfficer { name }
        primaryObligor { name idNumberMasked }
        assetLeads { what where estimatedValueFen reopenedAt }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  variables: (p, first) => ({ divisionCode: p.divisionCode, before: p.before ?? null, first }),
  page: (d) => connection(d.researchDue),
  columns: [
    { header: '执行案号', width: 24, value: (r) => r.enforcementNumber ?? r.caseNumber },
    { header: '被执行人', width: 14, value: (r) => r.primaryObligor?.name ?? null },
    { header: '证件号码', width: 20, value: (r) => r.primaryObligor?.idNumberMasked ?? null },
    { header: '村', width: 10, value: (r) => r.village?.name ?? null },
    { header: '未履行（元）', width: 14, value: (r) => yuan(r.outstandingFen) },
    { header: '应复查日期', width: 12, value: (r) => r.nextResearchDue ?? null },
    {
      header: '新财产线索',
      width: 30,
      value: (r) =>
        ((r.assetLeads ?? []) as Row[])
          .filter((l) => !l.reopenedAt)
          .map((l) => `${l.where}${l.what}（估值${yuan(l.estimatedValueFen)}元）`)
          .join('；') || null,
    },
    { header: '执行员', width: 10, value: (r) => r.enforcementOfficer?.name ?? null },
  ],
};

const meetingInvitations: ExportList = {
  name: 'meeting-invitations',
  title: (_p, d) => `执行会议邀请名单 ${d.meeting?.village?.name ?? ''} ${d.meeting?.title ?? ''}`.trim(),
  formats: ['csv', 'xlsx', 'pdf'],
  params: z.strictObject({ meetingId: z.uuid('a meeting id') }),
  query: `query ExportMeetingInvitations($meetingId: ID!) {
    meeting(id: $meetingId) {
      title venue scheduledAt village { name }
      invitees {
        partyName attended outcome amountFen
        party { name idNumberMasked phone }
        case { caseNumber outstandingFen }
      }
    }
  }`,
  variables: (p) => ({ meetingId: p.meetingId }),
  page: (d) => ({ rows: d.meeting?.invitees ?? [], endCursor: null }),
  columns: [
    { header: '姓名', width: 10, value: (r) => r.partyName ?? r.party?.name ?? null },
    { header: '证件号码', width: 20, value: (r) => r.party?.idNumberMasked ?? null },
    { header: '电话', width: 13, value: (r) => r.party?.phone ?? null },
    { header: '案号', width: 22, value: (r) => r.case?.caseNumber ?? null },
    { header: '未履行（元）', width: 13, value: (r) => yuan(r.case?.outstandingFen) },
    { header: '到场', width: 5, value: (r) => (r.attended === true ? '是' : r.attended === false ? '否' : '') },
    { header: '结果', width: 10, value: (r) => label(MEETING_OUTCOME, r.outcome) },
    { header: '签名', width: 10, value: () => '' },
  ],
};

export const EXPORT_LISTS: ReadonlyMap<string, ExportList> = new Map(
  [openCases, obligors, exposureBoard, researchDue, meetingInvitations].map((l) => [l.name, l]),
);
