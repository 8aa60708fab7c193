import { z } from 'zod';
import { parseInput } from '@zhiyuan/server';
import { addDays, addMonths, daysBetween, isoDaySchema } from '@zhiyuan/kernel';

export type PeriodKind = 'DAY' | 'MONTH' | 'QUARTER' | 'YEAR' | 'CUSTOM';
export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

const day = isoDaySchema;
const MAX_CUSTOM_DAYS = 3660;

export const periodSchema = z
  .object({
    kind: z.enum(['DAY', 'MONTH', 'QUARTER', 'YEAR', 'CUSTOM']),
    date: day.nullish(),
    from: day.nullish(),
    to: day.nullish(),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'CUSTOM') {
      if (!p.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'a CUSTOM period needs from' });
      else if (!p.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a CUSTOM period needs to' });
      else if (p.from > p.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
      else if (daysBetween(p.from, p.to) > MAX_CUSTOM_DAYS)
        ctx.addIssue({ code: 'custom', path: ['to'], message: `a period spans at most ${MAX_CUSTOM_DAYS} days` });
    } else if (!p.date)
      ctx.addIssue({ code: 'custom', path: ['date'], message: `a ${p.kind} period needs a date within it` });
  });

export { daysBetween };

/** A period argument, its problems named under `period` (the schema is built once). */
const periodArgument = z.object({ period: periodSchema });

/** The first and last day of a period (inclusive). */
export function resolvePeriod(input: unknown): Period {
  const p = parseInput(periodArgument, { period: input }).period;
  if (p.kind === 'CUSTOM') return { kind: p.kind, from: p.from!, to: p.to! };
  const date = p.date!;
  const [y, mo] = [date.slice(0, 4), Number(date.slice(5, 7))];
  const months = (first: number, n: number) => {
    const from = `${y}-${String(first).padStart(2, '0')}-01`;
    return { kind: p.kind, from, to: addDays(addMonths(from, n), -1) };
  };
  switch (p.kind) {
    case 'DAY':
      return { kind: p.kind, from: date, to: date };
    case 'MONTH':
      return months(mo, 1);
    case 'QUARTER':
      return months(Math.floor((mo - 1) / 3) * 3 + 1, 3);
    default:
      return { kind: p.kind, from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

export const periodKey = (p: Period) => `${p.from}..${p.to}`;
