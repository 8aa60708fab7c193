import { causeByCode } from '../domain/causes';
import { requireCaseAccess } from '../domain/access';
import { daysBetween, courtDate } from '../domain/dates';
import type { CaseResolvers } from '../generated/resolvers-types';

export const Case: CaseResolvers = {
  __resolveReference: async (ref, { loaders, identity }) => {
    const c = await loaders.case.load(ref.id);
    if (c) requireCaseAccess(identity, c);
    return c;
  },
  cause: (c) => causeByCode(c.causeCode) ?? { code: c.causeCode, name: c.causeCode, category: 'OTHER' },
  judge: (c) => (c.judgeId ? { id: c.judgeId } : null),
  enforcementOfficer: (c) => (c.officerId ? { id: c.officerId } : null),
  obligors: (c) => c.obligorIds.map((id) => ({ id })),
  primaryObligor: (c) => ({ id: c.obligorIds[0]! }),
  obligees: (c) => c.obligeeIds.map((id) => ({ id })),
  village: (c) => (c.villageCode ? { code: c.villageCode } : null),
  township: (c) => (c.townshipCode ? { code: c.townshipCode } : null),
  outstandingFen: (c) => c.amountOwedFen - c.paidFen,
  overdue: (c) => {
    if (c.closedAt || c.paidFen >= c.amountOwedFen) return false;
    const today = courtDate(new Date());
    return (!!c.performanceDeadline && c.performanceDeadline < today) || (c.state === 'URGING' && !!c.urgingDeadline && c.urgingDeadline < today);
  },
  urging: (c) =>
    c.urgingStartedAt && c.urgingDeadline
      ? { startedAt: c.urgingStartedAt, deadline: c.urgingDeadline, endedAt: c.urgingEndedAt, endReason: c.urgingEndReason as never }
      : null,
  daysOpen: (c) => daysBetween(c.effectiveDate, c.closedAt ?? new Date()),
  performances: (c, _a, { loaders }) => loaders.performancesOf.load(c.id),
  settlements: (c, _a, { loaders }) => loaders.settlementsOf.load(c.id),
  timeline: (c, _a, { loaders }) => loaders.timelineOf.load(c.id),
};
