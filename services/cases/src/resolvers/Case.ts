import { courtDate } from '@zhiyuan/kernel';
import { causeByCode } from '../domain/causes';
import { daysOpen, isOverdue, outstandingOf } from '../domain/case-rules';
import { resolveCaseReference } from '../queries/cases';
import type { CaseResolvers } from '../generated/resolvers-types';

export const Case: CaseResolvers = {
  __resolveReference: (ref, { loaders, identity }) => resolveCaseReference(loaders, identity, ref.id),
  cause: (c) => causeByCode(c.causeCode) ?? { code: c.causeCode, name: c.causeCode, category: 'OTHER' },
  judge: (c) => (c.judgeId ? { id: c.judgeId } : null),
  enforcementOfficer: (c) => (c.officerId ? { id: c.officerId } : null),
  obligors: (c) => c.obligorIds.map((id) => ({ id })),
  primaryObligor: (c) => ({ id: c.obligorIds[0]! }),
  obligees: (c) => c.obligeeIds.map((id) => ({ id })),
  village: (c) => (c.villageCode ? { code: c.villageCode } : null),
  township: (c) => (c.townshipCode ? { code: c.townshipCode } : null),
  outstandingFen: (c) => outstandingOf(c),
  overdue: (c) => isOverdue(c, courtDate(new Date())),
  urging: (c) =>
    c.urgingStartedAt && c.urgingDeadline
      ? {
          startedAt: c.urgingStartedAt,
          deadline: c.urgingDeadline,
          endedAt: c.urgingEndedAt,
          endReason: c.urgingEndReason as never,
        }
      : null,
  daysOpen: (c) => daysOpen(c.effectiveDate, c.closedAt ?? new Date()),
  performances: (c, _a, { loaders }) => loaders.performancesOf.load(c.id),
  settlements: (c, _a, { loaders }) => loaders.settlementsOf.load(c.id),
  assetLeads: (c, _a, { loaders }) => loaders.assetLeadsOf.load(c.id),
  timeline: async (c, { locale }, { loaders }) =>
    (await loaders.timelineOf.load(c.id)).map((entry) => ({ entry, locale: locale ?? null })),
};
