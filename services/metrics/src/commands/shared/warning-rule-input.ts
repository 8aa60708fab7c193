import { z } from 'zod';

const RATE_METRICS = ['COMPLETION_RATE', 'ACTUAL_ENFORCEMENT_RATE', 'DISHONESTY_RATE'];

/** A warning rule as created or updated: rates are between 0 and 1, counts not negative, partner acknowledgements county-wide. */
export const warningRuleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    metric: z.enum([
      'COMPLETION_RATE',
      'ACTUAL_ENFORCEMENT_RATE',
      'OVERDUE_TASKS',
      'PARTNER_ACKS_OVERDUE',
      'LISTINGS_RISING',
      'DISHONESTY_RATE',
    ]),
    comparison: z.enum(['LT', 'LTE', 'GT', 'GTE']),
    threshold: z.number().finite(),
    divisionLevel: z.enum(['COUNTY', 'TOWNSHIP', 'VILLAGE']),
    windowDays: z.number().int().min(1).max(366),
    enabled: z.boolean().nullish(),
  })
  .superRefine((r, ctx) => {
    if (RATE_METRICS.includes(r.metric) && (r.threshold < 0 || r.threshold > 1))
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'a rate threshold is between 0 and 1' });
    if (r.metric === 'PARTNER_ACKS_OVERDUE' && r.divisionLevel !== 'COUNTY')
      ctx.addIssue({ code: 'custom', path: ['divisionLevel'], message: 'partner acknowledgements are county-wide' });
    if (['OVERDUE_TASKS', 'PARTNER_ACKS_OVERDUE'].includes(r.metric) && r.threshold < 0)
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'a count threshold is not negative' });
  });
