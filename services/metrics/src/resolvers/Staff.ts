import { z } from 'zod';
import { errors, parseInput } from '@zhiyuan/server';
import { requireReadJudge } from '../access';
import { isUuid } from '../keys';
import type { StaffResolvers } from '../generated/resolvers-types';
import { resolvePeriod } from '../projection/period';
import { score } from '../projection/scores';
import { ruleSetInForce, activeRuleSet } from './rule-sets';

const ruleSetIdSchema = z.object({ ruleSetId: z.uuid() });

export const Staff: StaffResolvers = {
  // A malformed key is no staff member: null for that reference, the rest of the batch unaffected.
  __resolveReference: (ref) => (isUuid(ref.id) ? { id: ref.id } : null),
  performance: async (s, args, { identity, loaders, runtime }) => {
    requireReadJudge(identity);
    const period = resolvePeriod(args.period);
    let ruleSet;
    if (args.ruleSetId) {
      const { ruleSetId } = parseInput(ruleSetIdSchema, { ruleSetId: args.ruleSetId });
      ruleSet = await loaders.ruleSet.load(ruleSetId);
      if (!ruleSet) throw errors.notFound('PerformanceRuleSet', ruleSetId);
    } else {
      ruleSet = args.scoring === 'IN_FORCE_THEN' ? await ruleSetInForce(runtime.ds, period.to) : await activeRuleSet(runtime.ds);
    }
    const counts = await loaders.judgeCounts(period).load(s.id);
    return { judgeId: s.id, period, ruleSet, ...score(counts, ruleSet) };
  },
};
