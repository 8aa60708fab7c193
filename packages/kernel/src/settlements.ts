import { errors } from './errors';

/** One instalment of a settlement or instalment plan: a court day and an amount in fen. */
export interface ScheduledInstalment {
  dueDate: string;
  amountFen: number;
}

/**
 * The schedule rules every settlement and instalment plan obeys, wherever it is proposed or agreed:
 * no instalment falls due before `agreedOn` (today, for one agreed now), the due dates increase, and
 * the total is at most what is still owed (the rights holder may waive the rest, never ask for more).
 * Cases applies it when a settlement is agreed; tasks applies it when an obligor proposes one, so a
 * proposal the court could never record is refused while the obligor is still filling it in.
 * Answers the schedule's total in fen; throws VALIDATION_FAILED naming the instalment, or
 * RULE_VIOLATION `settlement-exceeds-balance`.
 */
export function checkInstalmentSchedule(
  instalments: readonly ScheduledInstalment[],
  agreedOn: string,
  today: string,
  outstandingFen: number,
  field = 'instalments',
): number {
  const dates = instalments.map((i) => i.dueDate);
  for (let k = 0; k < dates.length; k++) {
    if (dates[k]! < agreedOn)
      throw errors.validation(
        `${field}.${k}.dueDate`,
        agreedOn === today
          ? 'An instalment cannot fall due in the past'
          : `An instalment cannot fall due before the settlement was agreed (${agreedOn})`,
      );
    if (k > 0 && dates[k]! <= dates[k - 1]!)
      throw errors.validation(`${field}.${k}.dueDate`, 'Instalments must fall due in increasing order');
  }
  const totalFen = instalments.reduce((s, i) => s + i.amountFen, 0);
  if (totalFen > outstandingFen)
    throw errors.rule(
      'settlement-exceeds-balance',
      `The schedule totals ${totalFen} fen, more than the outstanding ${outstandingFen} fen`,
    );
  return totalFen;
}
