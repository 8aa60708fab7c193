import { chineseDate, renderTemplate, renderThreadText, TEMPLATES, yuan } from './templates';
import { Kind } from 'graphql';
import { typeDefs } from '../schema';
import { retryDelayMs } from './sender';
import { CASE_STEP_NOTICES, outcomeText, settlementKindText } from '../domain/notices';

describe('SMS templates', () => {
  it('renders the urging notice in Chinese with the amount in yuan', () => {
    const body = renderTemplate('URGING_NOTICE', {
      court: '长兴县人民法院',
      name: '张三',
      caseNumber: '(2024)浙0522民初1号',
      amount: yuan(1_250_005),
      deadline: chineseDate('2024-07-15'),
    });
    expect(body).toBe(
      '【长兴县人民法院】张三您好：您的案件（(2024)浙0522民初1号）已进入执前督促程序，应履行金额12500.05元，请于2024年7月15日前主动履行。主动履行可避免被强制执行及纳入失信名单。',
    );
  });

  it('leaves a missing variable visible instead of sending a blank', () => {
    expect(renderTemplate('TASK_REMINDER', { title: '查找下落' })).toContain('{name}');
  });

  it('has a template for each notice the workflow sends', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([
      'ASSET_LEAD_REPORTED_OFFICER',
      'CASE_CLOSED',
      'ENFORCEMENT_FILED_OBLIGEE',
      'ENFORCEMENT_FILED_OBLIGOR',
      'INSTALMENT_DUE_SOON',
      'INSTALMENT_MISSED',
      'LISTING_ADDED',
      'LISTING_REMOVED',
      'MEETING_INVITATION',
      'PAYMENT_RECORDED',
      'PROPOSAL_ANSWERED',
      'PROPOSAL_CONSENT_REQUESTED',
      'PROPOSAL_DECIDED',
      'PROPOSAL_EXPIRED',
      'PROPOSAL_SUBMITTED_OBLIGEE',
      'PROPOSAL_SUBMITTED_STAFF',
      'RESEARCH_DUE_OFFICER',
      'SETTLEMENT_AGREED',
      'TASK_DEESCALATED',
      'TASK_ESCALATION',
      'TASK_REMINDER',
      'URGING_FEEDBACK_OBLIGEE',
      'URGING_FEEDBACK_VILLAGE_TEAM',
      'URGING_NOTICE',
    ]);
  });

  it('names every template in the NotificationTemplate enum, so the ledger can be read over GraphQL', () => {
    const en = typeDefs.definitions.find(
      (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'NotificationTemplate',
    );
    const values = en?.kind === Kind.ENUM_TYPE_DEFINITION ? (en.values ?? []).map((v) => v.name.value) : [];
    expect(values.sort()).toEqual(Object.keys(TEMPLATES).sort());
  });

  it('has a template for every case-step notice a court can switch off', () => {
    for (const notice of CASE_STEP_NOTICES) expect(TEMPLATES[notice]).toMatch(/^【\{court\}】\{name\}您好：/);
  });

  it('renders the notices of an obligor coming forward online in Chinese', () => {
    const vars = {
      court: '长兴县人民法院',
      name: '李四',
      caseNumber: '(2024)浙0522民初1号',
      obligorName: '张三',
      intent: '分期履行方案',
      summary: '共12500.00元，分2期，首期5000.00元于2026年4月1日履行',
      expiresOn: '2026年3月16日 10:00',
      answer: '不同意',
      decision: '不予准许',
      reason: '，理由：首期金额过低',
    };
    expect(renderTemplate('PROPOSAL_SUBMITTED_STAFF', vars)).toBe(
      '【执源】李四您好：张三就案件（(2024)浙0522民初1号）在线主动履行，提出分期履行方案：共12500.00元，分2期，首期5000.00元于2026年4月1日履行。请于2026年3月16日 10:00前登录执源处理。',
    );
    expect(renderTemplate('PROPOSAL_CONSENT_REQUESTED', vars)).toBe(
      '【长兴县人民法院】李四您好：案件（(2024)浙0522民初1号）义务人张三在线提出分期履行方案：共12500.00元，分2期，首期5000.00元于2026年4月1日履行。请于2026年3月16日 10:00前登录执源表示同意或不同意，经您同意并经法院审查后生效。',
    );
    expect(
      renderTemplate('PROPOSAL_SUBMITTED_OBLIGEE', { ...vars, intent: '宽限期申请', summary: '申请宽限2个月' }),
    ).toBe(
      '【长兴县人民法院】李四您好：案件（(2024)浙0522民初1号）义务人张三在线提出宽限期申请：申请宽限2个月，法院将依法审查并告知结果。',
    );
    expect(renderTemplate('PROPOSAL_ANSWERED', vars)).toBe(
      '【长兴县人民法院】李四您好：对案件（(2024)浙0522民初1号）义务人提出的分期履行方案，申请执行人已表示不同意，理由：首期金额过低。',
    );
    expect(renderTemplate('PROPOSAL_DECIDED', vars)).toBe(
      '【长兴县人民法院】李四您好：对案件（(2024)浙0522民初1号）义务人提出的分期履行方案，法院已决定不予准许，理由：首期金额过低。',
    );
    expect(renderTemplate('PROPOSAL_EXPIRED', vars)).toBe(
      '【长兴县人民法院】李四您好：您在案件（(2024)浙0522民初1号）中提出的分期履行方案因在2026年3月16日 10:00前未获答复已失效，如需继续，请重新提交或联系村（社区）。',
    );
    expect(renderThreadText('PROPOSAL_ANSWERED', vars)).toBe(
      '申请执行人对分期履行方案表示不同意，理由：首期金额过低。',
    );
    expect(renderThreadText('PROPOSAL_DECIDED', { ...vars, decision: '准许', reason: '' })).toBe(
      '法院对义务人提出的分期履行方案决定准许。',
    );
  });

  it('formats fen exactly', () => {
    expect([0, 5, 100, 123_456].map(yuan)).toEqual(['0.00', '0.05', '1.00', '1234.56']);
  });

  it('backs off exponentially, capped at an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(30, 30_000)).toBe(3_600_000);
  });
});

describe('case-step notices', () => {
  const court = '长兴县人民法院';
  const caseNumber = '(2024)浙0522民初1号';

  it('tells the obligor that enforcement was filed', () => {
    const body = renderTemplate('ENFORCEMENT_FILED_OBLIGOR', {
      court,
      name: '张三',
      caseNumber,
      enforcementNumber: '(2024)浙0522执100号',
      amount: yuan(1_250_000),
    });
    expect(body).toBe(
      '【长兴县人民法院】张三您好：您的案件（(2024)浙0522民初1号）已立案执行，执行案号(2024)浙0522执100号，申请执行金额12500.00元。请尽快主动履行，拒不履行的，法院将依法强制执行并可将您纳入失信名单。',
    );
  });

  it('tells the rights holder that their application was filed', () => {
    const body = renderTemplate('ENFORCEMENT_FILED_OBLIGEE', {
      court,
      name: '李四',
      caseNumber,
      enforcementNumber: '(2024)浙0522执100号',
      amount: yuan(1_250_000),
    });
    expect(body).toBe(
      '【长兴县人民法院】李四您好：您申请执行的案件（(2024)浙0522民初1号）已立案，执行案号(2024)浙0522执100号，申请执行金额12500.00元，法院将会同义务人户籍地村（社区）协同执行，请关注进展。',
    );
  });

  it('tells the rights holder of a payment, what is paid and what is owed', () => {
    const body = renderTemplate('PAYMENT_RECORDED', {
      court,
      name: '李四',
      caseNumber,
      paidOn: chineseDate('2024-08-01'),
      amount: yuan(300_050),
      totalPaid: yuan(500_050),
      outstanding: yuan(749_950),
    });
    expect(body).toBe(
      '【长兴县人民法院】李四您好：案件（(2024)浙0522民初1号）已登记义务人于2024年8月1日履行3000.50元，累计已履行5000.50元，尚余7499.50元未履行。',
    );
  });

  it('reminds the obligor of an instalment about to fall due', () => {
    const body = renderTemplate('INSTALMENT_DUE_SOON', {
      court,
      name: '张三',
      caseNumber,
      no: '2',
      amount: yuan(200_000),
      dueDate: chineseDate('2024-09-01'),
    });
    expect(body).toBe(
      '【长兴县人民法院】张三您好：您的案件（(2024)浙0522民初1号）第2期应履行2000.00元，将于2024年9月1日到期，请按期履行。',
    );
  });

  it('tells the obligor of a missed instalment', () => {
    const body = renderTemplate('INSTALMENT_MISSED', {
      court,
      name: '张三',
      caseNumber,
      no: '2',
      amount: yuan(150_000),
      dueDate: chineseDate('2024-09-01'),
    });
    expect(body).toBe(
      '【长兴县人民法院】张三您好：您的案件（(2024)浙0522民初1号）第2期应履行款项于2024年9月1日到期，尚有1500.00元未履行，请尽快履行。不按协议履行的，法院可恢复强制执行。',
    );
  });

  it('tells both parties of a settlement or plan with its first instalment', () => {
    const vars = {
      court,
      name: '张三',
      caseNumber,
      total: yuan(600_000),
      count: '3',
      firstAmount: yuan(200_000),
      firstDueDate: chineseDate('2024-08-15'),
    };
    expect(renderTemplate('SETTLEMENT_AGREED', { ...vars, kind: settlementKindText('INSTALMENT_PLAN') })).toBe(
      '【长兴县人民法院】张三您好：案件（(2024)浙0522民初1号）已达成分期履行协议，共6000.00元，分3期履行，首期2000.00元于2024年8月15日到期，请按协议履行。',
    );
    expect(renderTemplate('SETTLEMENT_AGREED', { ...vars, kind: settlementKindText('SETTLEMENT') })).toContain(
      '已达成执行和解协议，',
    );
  });

  it('tells the obligor of a listing, in China time', () => {
    const body = renderTemplate('LISTING_ADDED', {
      court,
      name: '张三',
      caseNumber,
      listedOn: chineseDate(new Date('2024-08-01T17:00:00Z')),
    });
    expect(body).toBe(
      '【长兴县人民法院】张三您好：因您未履行案件（(2024)浙0522民初1号）生效法律文书确定的义务，已于2024年8月2日被纳入失信被执行人名单并限制消费。履行义务后，失信信息将依法删除。',
    );
  });

  it('tells the obligor of a removal', () => {
    const body = renderTemplate('LISTING_REMOVED', {
      court,
      name: '张三',
      caseNumber,
      removedOn: chineseDate(new Date('2024-10-08T02:00:00Z')),
    });
    expect(body).toBe(
      '【长兴县人民法院】张三您好：您在案件（(2024)浙0522民初1号）中的失信被执行人信息已于2024年10月8日删除。',
    );
  });

  it('tells both parties how the case closed and what was recovered', () => {
    const body = renderTemplate('CASE_CLOSED', {
      court,
      name: '李四',
      caseNumber,
      closedOn: chineseDate(new Date('2024-11-20T08:00:00Z')),
      outcome: outcomeText('TERMINATED_THIS_ROUND'),
      recovered: yuan(0),
    });
    expect(body).toBe(
      '【长兴县人民法院】李四您好：案件（(2024)浙0522民初1号）已于2024年11月20日结案，结案方式：终结本次执行程序，已执行到位0.00元。',
    );
    expect(
      ['PERFORMED_AFTER_URGING', 'COMPLETED', 'SETTLED_AND_PERFORMED', 'EXITED', 'WITHDRAWN'].map(outcomeText),
    ).toEqual(['执前督促后履行完毕', '执行完毕', '和解协议履行完毕', '退出执行程序', '撤回申请']);
  });
});
