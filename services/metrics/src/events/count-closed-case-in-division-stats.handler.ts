import { defineHandler } from '@zhiyuan/db';

/** Every closed case counts once in the figures of its village, township and the county. */
export const countClosedCaseInDivisionStats = defineHandler({
  name: 'count-closed-case-in-division-stats',
  subject: 'cases.case.closed',
  handle: async (event, manager) => {
    const p = event.payload;
    const codes = [p.villageCode, p.townshipCode, p.villageCode?.slice(0, 6) ?? p.townshipCode?.slice(0, 6)].filter((c): c is string => !!c);
    for (const code of new Set(codes)) {
      await manager.query(
        `INSERT INTO metrics.division_stats (division_code, closed_cases, performed_after_urging, amount_recovered_fen, updated_at)
         VALUES ($1, 1, $2, $3, now())
         ON CONFLICT (division_code) DO UPDATE SET
           closed_cases = division_stats.closed_cases + 1,
           performed_after_urging = division_stats.performed_after_urging + EXCLUDED.performed_after_urging,
           amount_recovered_fen = division_stats.amount_recovered_fen + EXCLUDED.amount_recovered_fen,
           updated_at = now()`,
        [code, p.outcome === 'PERFORMED_AFTER_URGING' ? 1 : 0, p.amountRecoveredFen],
      );
    }
  },
});
