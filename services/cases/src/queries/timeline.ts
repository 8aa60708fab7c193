import { chooseLocale, type Locale } from '@zhiyuan/kernel';
import { namesNeeded, timelineSummary } from '../domain/timeline-text';
import type { TimelineEntryEntity } from '../entities';
import type { Loaders } from './loaders';

/**
 * An entry's summary in the locale asked for: the staff and division names it mentions come through
 * the request's loaders, so a timeline of any length (or many cases' timelines) costs one statement
 * for the staff and one for the divisions.
 */
export async function summaryOf(loaders: Loaders, entry: TimelineEntryEntity, locale: Locale): Promise<string> {
  if (entry.legacySummary) return entry.legacySummary;
  const need = namesNeeded(entry.kind, entry.parameters);
  const [staff, divisions] = await Promise.all([
    need.staffIds.length ? loaders.staffName.loadMany(need.staffIds) : [],
    need.divisionCodes.length ? loaders.divisionName.loadMany(need.divisionCodes) : [],
  ]);
  const staffNames = new Map<string, string>();
  need.staffIds.forEach((id, i) => {
    const s = staff[i];
    if (s && !(s instanceof Error)) staffNames.set(id, s.name);
  });
  const divisionNames = new Map<string, string>();
  need.divisionCodes.forEach((code, i) => {
    const d = divisions[i];
    if (d && !(d instanceof Error)) divisionNames.set(code, d.name);
  });
  return timelineSummary(entry, locale, {
    staff: (id) => staffNames.get(id) ?? null,
    division: (code) => divisionNames.get(code) ?? null,
  });
}

/** The acting staff member's name; null for system actors and staff not known here. */
export async function actorNameOf(loaders: Loaders, entry: TimelineEntryEntity): Promise<string | null> {
  return (await loaders.staffName.load(entry.actor))?.name ?? null;
}

/** The locale of a summary: its own argument, else its timeline's, else the request's. */
export const summaryLocale = (argument: string | null | undefined, timeline: string | null, requested: Locale) =>
  chooseLocale(argument ?? timeline, requested);
