import { addMonths, courtDate, errors } from '@zhiyuan/kernel';

export type Classification = 'COMPLIANT' | 'HONEST_IN_DIFFICULTY' | 'UNABLE' | 'EVASIVE';

/** Everything the capacity profile (履行评估) looks at; built from the party row and the recorded inputs. */
export interface ProfileInputs {
  age: number | null;
  disability: boolean;
  seriousIllness: boolean;
  lowIncome: boolean;
  /** Sum outstanding over the obligor's open cases (from the case projection). */
  outstandingFen: number;
  paymentsCount: number;
  missedInstalments: number;
  declaration: { monthlyIncomeFen: number | null; assetsValueFen: number | null; dependants: number | null } | null;
  whereabouts: { found: boolean | null; assetsSeen: string[] } | null;
}

export interface ProfileOutcome {
  classification: Classification;
  /** Codes a clerk can read, in the order they weighed. */
  reasonCodes: string[];
  graceUntil: string | null;
}

/** Monthly income below which a declared obligor counts as in difficulty: 2,000 CNY. */
export const LOW_MONTHLY_INCOME_FEN = 200_000;
export const UNABLE_AGE = 70;

/**
 * The automatic classification. Rules, first match wins, each leaving its reason codes:
 * UNABLE for old age, disability or serious illness without assets covering the debt; EVASIVE for
 * an obligor not found at home, with assets but not paying, or with two or more missed instalments;
 * HONEST_IN_DIFFICULTY for a declared low capacity (grace 1 to 3 months); otherwise COMPLIANT.
 */
export function classify(inputs: ProfileInputs, now: Date): ProfileOutcome {
  const assets = inputs.declaration?.assetsValueFen ?? null;
  const assetsCover = assets !== null && inputs.outstandingFen > 0 && assets >= inputs.outstandingFen;

  const unable: string[] = [];
  if (inputs.age !== null && inputs.age >= UNABLE_AGE) unable.push('AGE_70_OR_OVER');
  if (inputs.disability) unable.push('DISABILITY');
  if (inputs.seriousIllness) unable.push('SERIOUS_ILLNESS');
  if (unable.length > 0 && !assetsCover)
    return { classification: 'UNABLE', reasonCodes: [...unable, 'RECOMMEND_RELIEF_OR_EXIT'], graceUntil: null };

  const evasive: string[] = [];
  if (inputs.whereabouts?.found === false) evasive.push('NOT_FOUND_AT_HOME');
  if (inputs.missedInstalments >= 2) evasive.push('MISSED_INSTALMENTS');
  const assetsSeen = (inputs.whereabouts?.assetsSeen.length ?? 0) > 0;
  if (
    inputs.outstandingFen > 0 &&
    inputs.paymentsCount === 0 &&
    (assetsCover || (assetsSeen && inputs.declaration === null))
  )
    evasive.push('ABLE_BUT_NOT_PAYING');
  if (evasive.length > 0)
    return { classification: 'EVASIVE', reasonCodes: [...evasive, 'RECOMMEND_COERCIVE_MEASURES'], graceUntil: null };

  const d = inputs.declaration;
  if (inputs.outstandingFen > 0 && (d !== null || inputs.lowIncome)) {
    const difficulty: string[] = [];
    if (inputs.lowIncome) difficulty.push('LOW_INCOME_STATUS');
    if (
      d?.monthlyIncomeFen !== null &&
      d?.monthlyIncomeFen !== undefined &&
      d.monthlyIncomeFen < LOW_MONTHLY_INCOME_FEN
    )
      difficulty.push('LOW_DECLARED_INCOME');
    if (assets !== null && !assetsCover) difficulty.push('ASSETS_BELOW_DEBT');
    if (difficulty.length > 0) {
      const months =
        inputs.lowIncome || (d?.dependants ?? 0) >= 2 ? 3 : difficulty.includes('LOW_DECLARED_INCOME') ? 2 : 1;
      const reasons = [...(d ? ['DECLARED_PROPERTY'] : []), ...difficulty, `GRACE_${months}_MONTHS`];
      return {
        classification: 'HONEST_IN_DIFFICULTY',
        reasonCodes: reasons,
        graceUntil: addMonths(courtDate(now), months),
      };
    }
  }

  const compliant: string[] = [];
  if (inputs.outstandingFen === 0) compliant.push('NO_OUTSTANDING_OBLIGATION');
  if (inputs.paymentsCount > 0) compliant.push('PAYING');
  if (inputs.missedInstalments === 1) compliant.push('ONE_MISSED_INSTALMENT');
  if (compliant.length === 0) compliant.push('NO_ADVERSE_SIGNAL');
  return { classification: 'COMPLIANT', reasonCodes: compliant, graceUntil: null };
}

/**
 * A court's override of the classification: HONEST_IN_DIFFICULTY with a grace period of 1 to 3
 * months (ending that many months after today, court time), any other classification without one.
 */
export function courtOverride(
  classification: Classification,
  graceMonths: number | null | undefined,
  now: Date,
): Pick<ProfileOutcome, 'reasonCodes' | 'graceUntil'> {
  let graceUntil: string | null = null;
  if (classification === 'HONEST_IN_DIFFICULTY') {
    if (!graceMonths || graceMonths < 1 || graceMonths > 3)
      throw errors.validation('graceMonths', 'A grace period is 1 to 3 months');
    graceUntil = addMonths(courtDate(now), graceMonths);
  } else if (graceMonths) {
    throw errors.validation('graceMonths', 'Only HONEST_IN_DIFFICULTY has a grace period');
  }
  return { reasonCodes: ['COURT_OVERRIDE', ...(graceUntil ? [`GRACE_${graceMonths}_MONTHS`] : [])], graceUntil };
}

/**
 * Whether the current profile is a grace period the court granted (an override with a grace end not
 * yet passed): it stands until it ends or the court decides again, so an input arriving during it
 * (a payment, a form) is recorded but does not reclassify the obligor, and nothing is published.
 */
export function courtGraceRunning(
  current: { overridden: boolean; graceUntil: string | null } | null,
  now: Date,
): boolean {
  return !!current && current.overridden && !!current.graceUntil && current.graceUntil >= courtDate(now);
}
