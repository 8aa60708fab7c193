import { chineseDate, renderTemplate, TEMPLATES, yuan } from './templates';
import { retryDelayMs } from './sender';

describe('SMS templates', () => {
  it('renders the urging notice in Chinese with the amount in yuan', () => {
    const body = renderTemplate('URGING_NOTICE', { court: '长兴县人民法院', name: '张三', caseNumber: '(2024)浙0522民初1号', amount: yuan(1_250_005), deadline: chineseDate('2024-07-15') });
    expect(body).toBe('【长兴县人民法院】张三您好：您的案件（(2024)浙0522民初1号）已进入执前督促程序，应履行金额12500.05元，请于2024年7月15日前主动履行。主动履行可避免被强制执行及纳入失信名单。');
  });

  it('leaves a missing variable visible instead of sending a blank', () => {
    expect(renderTemplate('TASK_REMINDER', { title: '查找下落' })).toContain('{name}');
  });

  it('has a template for each notice the workflow sends', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual(['MEETING_INVITATION', 'TASK_ESCALATION', 'TASK_REMINDER', 'URGING_FEEDBACK_OBLIGEE', 'URGING_FEEDBACK_VILLAGE_TEAM', 'URGING_NOTICE']);
  });

  it('formats fen exactly', () => {
    expect([0, 5, 100, 123_456].map(yuan)).toEqual(['0.00', '0.05', '1.00', '1234.56']);
  });

  it('backs off exponentially, capped at an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(30, 30_000)).toBe(3_600_000);
  });
});
