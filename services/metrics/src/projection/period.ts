import { z } from 'zod';
import { parseInput } from '@zhiyuan/server';
import { isoDay } from '../keys';

export type PeriodKind = 'DAY' | 'MONTH' | 'QUARTER' | 'YEAR' | 'CUSTOM';
export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

const day = isoDay;
const MAX_CUSTOM_DAYS = 3660;

export const periodSchema = z
  .object({ kind: z.enum(['DAY', 'MONTH', 'QUARTER', 'YEAR', 'CUSTOM']), date: day.nullish(), from: day.nullish(), to: day.nullish() })
  .superRefine((p, ctx) => {
    if (p.kind === 'CUSTOM') {
      if (!p.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'a CUSTOM period needs from' });
      else if (!p.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a CUSTOM period needs to' });
      else if (p.from > p.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
      else if (daysBetween(p.from, p.to) > MAX_CUSTOM_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `a period spans at most ${MAX_CUSTOM_DAYS} days` });
    } else if (!p.date) ctx.addIssue({ code: 'custom', path: ['date'], message: `a ${p.kind} period needs a date within it` });
  });

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** A period argument, its problems named under `period` (the schema is built once). */
const periodArgument = z.object({ period: periodSchema });

/** The first and last day of a period (inclusive). */
export function resolvePeriod(input: unknown): Period {
  const p = parseInput(periodArgument, { period: input }).period;
  if (p.kind === 'CUSTOM') return { kind: p.kind, from: p.from!, to: p.to! };
  const d = new Date(`${p.date}T00:00:00Z`);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  switch (p.kind) {
    case 'DAY':
      return { kind: p.kind, from: p.date!, to: p.date! };
    case 'MONTH':
      return { kind: p.kind, from: iso(new Date(Date.UTC(y, mo, 1))), to: iso(new Date(Date.UTC(y, mo + 1, 0))) };
    case 'QUARTER': {
      const q = Math.floor(mo / 3) * 3;
      return { kind: p.kind, from: iso(new Date(Date.UTC(y, q, 1))), to: iso(new Date(Date.UTC(y, q + 3, 0))) };
    }
    default:
      return { kind: p.kind, from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

export const periodKey = (p: Period) => `${p.from}..${p.to}`;
