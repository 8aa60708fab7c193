/**
 * The checks the server makes on `comeForward`, made before sending so the obligor sees them at once
 * (tasks' come-forward schema and the kernel's checkInstalmentSchedule): the server checks them again
 * and its answer stands. A problem names the field the server would name.
 */
import type { ComeForwardInput, ProposalIntent } from './generated/graphql';

export interface Problem {
  field: string;
  key:
    | 'cf.err.amount'
    | 'cf.err.overBalance'
    | 'cf.err.past'
    | 'cf.err.order'
    | 'cf.err.required'
    | 'cf.err.months'
    | 'cf.err.empty';
}

export interface Draft {
  intent: ProposalIntent;
  /** Amounts in 元 as typed. */
  amount: string;
  day: string;
  text: string;
  months: string;
  schedule: { dueDate: string; amount: string }[];
}

/** 元 as typed to whole fen, or NaN. */
export function toFen(yuanText: string): number {
  const t = yuanText.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN;
  return Math.round(Number(t) * 100);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The draft as the mutation's input, or the first problem. */
export function checkDraft(d: Draft, today: string, outstandingFen: number): Problem | ComeForwardInput {
  const amount = (field: string, text: string): Problem | number => {
    const fen = toFen(text);
    return Number.isFinite(fen) && fen > 0 ? fen : { field, key: 'cf.err.amount' };
  };
  const isProblem = (x: unknown): x is Problem => typeof x === 'object' && x !== null && 'key' in x;
  switch (d.intent) {
    case 'PAY_NOW': {
      const fen = amount('payNow.amountFen', d.amount);
      if (isProblem(fen)) return fen;
      if (fen > outstandingFen) return { field: 'payNow.amountFen', key: 'cf.err.overBalance' };
      if (!ISO_DAY.test(d.day)) return { field: 'payNow.paidOn', key: 'cf.err.required' };
      return { intent: 'PAY_NOW', payNow: { amountFen: fen, paidOn: d.day, note: d.text.trim() || null } };
    }
    case 'PROPOSE_INSTALMENTS': {
      if (d.schedule.length === 0) return { field: 'instalments.schedule', key: 'cf.err.empty' };
      const schedule: { dueDate: string; amountFen: number }[] = [];
      for (let k = 0; k < d.schedule.length; k++) {
        const row = d.schedule[k]!;
        const field = `instalments.schedule.${k}`;
        if (!ISO_DAY.test(row.dueDate)) return { field: `${field}.dueDate`, key: 'cf.err.required' };
        if (row.dueDate < today) return { field: `${field}.dueDate`, key: 'cf.err.past' };
        if (k > 0 && row.dueDate <= d.schedule[k - 1]!.dueDate)
          return { field: `${field}.dueDate`, key: 'cf.err.order' };
        const fen = amount(`${field}.amountFen`, row.amount);
        if (isProblem(fen)) return fen;
        schedule.push({ dueDate: row.dueDate, amountFen: fen });
      }
      if (schedule.reduce((s, i) => s + i.amountFen, 0) > outstandingFen)
        return { field: 'instalments.schedule', key: 'cf.err.overBalance' };
      return { intent: 'PROPOSE_INSTALMENTS', instalments: { schedule, terms: d.text.trim() || null } };
    }
    case 'PROPOSE_SETTLEMENT': {
      const fen = amount('settlement.amountFen', d.amount);
      if (isProblem(fen)) return fen;
      if (fen > outstandingFen) return { field: 'settlement.amountFen', key: 'cf.err.overBalance' };
      if (!ISO_DAY.test(d.day)) return { field: 'settlement.payBy', key: 'cf.err.required' };
      if (d.day < today) return { field: 'settlement.payBy', key: 'cf.err.past' };
      if (!d.text.trim()) return { field: 'settlement.terms', key: 'cf.err.required' };
      return { intent: 'PROPOSE_SETTLEMENT', settlement: { amountFen: fen, payBy: d.day, terms: d.text.trim() } };
    }
    case 'REQUEST_GRACE': {
      const months = Number(d.months);
      if (!Number.isInteger(months) || months < 1 || months > 3) return { field: 'grace.months', key: 'cf.err.months' };
      if (!d.text.trim()) return { field: 'grace.reasons', key: 'cf.err.required' };
      return { intent: 'REQUEST_GRACE', grace: { months, reasons: d.text.trim() } };
    }
  }
}

export function isProblem(x: Problem | ComeForwardInput): x is Problem {
  return 'key' in x;
}
