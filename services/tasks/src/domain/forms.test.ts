import type { TaskEntity } from '../entities';
import {
  declarationSummary,
  feedbackResult,
  tasksAnsweredByFeedback,
  whereaboutsSummary,
  type WhereaboutsAnswers,
} from './forms';

const task = (id: string, type: TaskEntity['type'], status: TaskEntity['status'] = 'OPEN') =>
  ({ id, type, status }) as TaskEntity;
const unseen = { seen: false };

describe('forms', () => {
  const found: WhereaboutsAnswers = {
    found: true,
    whereabouts: '杭州打工',
    assets: {
      realEstate: { seen: true },
      vehicles: unseen,
      deposits: unseen,
      business: { seen: true },
      estimatedValueFen: 500_000,
    },
  };

  it('summarises a whereabouts feedback and the result it gives the tasks it answers', () => {
    expect(whereaboutsSummary(found)).toEqual({
      found: true,
      monthlyIncomeFen: null,
      assetsValueFen: 500_000,
      debtsFen: null,
      dependants: null,
      assetsSeen: ['REAL_ESTATE', 'BUSINESS'],
    });
    expect(feedbackResult(found, 'f-1')).toEqual({
      outcome: 'ACCOMPLISHED',
      summary: '已找到：杭州打工',
      contactMade: true,
      formId: 'f-1',
    });
    expect(feedbackResult({ ...found, found: false }, 'f-2')).toMatchObject({
      outcome: 'NOT_ACCOMPLISHED',
      summary: '未找到被执行人',
      contactMade: false,
    });
  });

  it('completes the answered task and the other open locate or find task of the obligor', () => {
    const answered = task('a', 'LOCATE_PERSON');
    const siblings = [
      answered,
      task('b', 'FIND_ASSETS'),
      task('c', 'FIND_ASSETS', 'DONE'),
      task('d', 'SERVE_DOCUMENT'),
    ];
    expect(tasksAnsweredByFeedback(answered, siblings).map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('sums a declaration’s assets and names each kind once', () => {
    const s = declarationSummary({
      partyId: 'p',
      monthlyIncomeFen: 300_000,
      assets: [
        { kind: 'VEHICLE', description: '轿车', valueFen: 5_000_000 },
        { kind: 'VEHICLE', description: '货车', valueFen: 3_000_000 },
      ],
      debtsFen: 0,
      dependants: 2,
      signedOn: '2024-07-08',
    });
    expect(s).toEqual({
      found: null,
      monthlyIncomeFen: 300_000,
      assetsValueFen: 8_000_000,
      debtsFen: 0,
      dependants: 2,
      assetsSeen: ['VEHICLE'],
    });
  });
});
