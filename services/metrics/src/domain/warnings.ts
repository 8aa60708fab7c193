import type { DivisionLevel } from '@zhiyuan/kernel';
import type { Contribution } from '../projection/contributions';

export interface WarningRuleRow {
  id: string;
  metric: string;
  comparison: 'LT' | 'LTE' | 'GT' | 'GTE';
  threshold: number;
  division_level: DivisionLevel;
  window_days: number;
}

/** Whether a warning condition holds: only for a defined value. */
export function holds(value: number | null, comparison: WarningRuleRow['comparison'], threshold: number): boolean {
  if (value == null || !Number.isFinite(value)) return false;
  switch (comparison) {
    case 'LT':
      return value < threshold;
    case 'LTE':
      return value <= threshold;
    case 'GT':
      return value > threshold;
    case 'GTE':
      return value >= threshold;
  }
}

/** The divisions whose value of a warning metric may have changed, by metric. */
export type WarningScope = Map<string, Set<string>>;

const RATE_INPUTS = new Set(['closed_cases', 'completed_cases', 'performed_after_urging', 'settled_cases']);
const withAncestors = (code: string) => [
  code.slice(0, 6),
  ...(code.length >= 9 ? [code.slice(0, 9)] : []),
  ...(code.length === 12 ? [code] : []),
];

/**
 * The metrics a change touched and where: rates where closed cases changed, rising listings where
 * listings were added, overdue tasks and the dishonesty rate for a home division and the divisions
 * above it (their state is the sum over the homes under them), partner acknowledgements county-wide.
 */
export function warningScope(d: Pick<Contribution, 'rows'>, partnerCounty: string | null): WarningScope {
  const scope: WarningScope = new Map();
  const add = (metric: string, codes: string[]) => {
    const set = scope.get(metric) ?? new Set<string>();
    codes.forEach((c) => set.add(c));
    scope.set(metric, set);
  };
  for (const {
    parts: [code, , column],
  } of d.rows('D')) {
    if (RATE_INPUTS.has(column!)) {
      add('COMPLETION_RATE', [code!]);
      add('ACTUAL_ENFORCEMENT_RATE', [code!]);
    } else if (column === 'listings_added') add('LISTINGS_RISING', [code!]);
  }
  for (const {
    parts: [home, column],
  } of d.rows('S')) {
    if (column === 'overdue_tasks') add('OVERDUE_TASKS', withAncestors(home!));
    else if (column === 'obligors_with_open_cases' || column === 'listed_obligors')
      add('DISHONESTY_RATE', withAncestors(home!));
  }
  if (partnerCounty) add('PARTNER_ACKS_OVERDUE', [partnerCounty]);
  return scope;
}
