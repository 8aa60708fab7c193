import { actorNameOf, summaryLocale, summaryOf } from '../queries/timeline';
import type { CaseTimelineEntryResolvers } from '../generated/resolvers-types';

export const CaseTimelineEntry: CaseTimelineEntryResolvers = {
  kind: (t) => t.entry.kind,
  actor: (t) => t.entry.actor,
  actorName: (t, _a, { loaders }) => actorNameOf(loaders, t.entry),
  at: (t) => t.entry.at,
  occurredAt: (t) => t.entry.at,
  parameters: (t) => t.entry.parameters ?? {},
  summary: (t, { locale }, ctx) => summaryOf(ctx.loaders, t.entry, summaryLocale(locale, t.locale, ctx.locale)),
};
