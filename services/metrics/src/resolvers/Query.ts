import type { QueryResolvers } from '../generated/resolvers-types';
import { loadAuditLog } from '../queries/audit-log';
import { disputeSeries, disputeStats, divisionRanking, divisionSeries, divisionStats } from '../queries/division-stats';
import { judgeScores } from '../queries/judge-scores';
import { judicialSuggestionById, listJudicialSuggestions } from '../queries/judicial-suggestions';
import { activeRuleSetFor, listRuleSets, ruleSetById, simulateRuleSet } from '../queries/rule-sets';
import { selectedFields } from '../queries/selection';
import { listWarningRules, listWarnings, warningById } from '../queries/warnings';

export const Query: QueryResolvers = {
  divisionStats: (_p, args, { identity, loaders }, info) =>
    divisionStats(identity, loaders, args, selectedFields(info)),
  divisionSeries: (_p, args, { identity, runtime }) => divisionSeries(runtime.readDs, identity, args),
  divisionRanking: (_p, args, { identity, runtime }) => divisionRanking(runtime.readDs, identity, args),
  disputeStats: (_p, args, { identity, runtime }) => disputeStats(runtime.readDs, identity, args),
  disputeSeries: (_p, args, { identity, runtime }) => disputeSeries(runtime.readDs, identity, args),
  performanceRuleSets: (_p, { status }, { identity, runtime }) => listRuleSets(runtime.ds, identity, status),
  performanceRuleSet: (_p, { id }, { identity, loaders }) => ruleSetById(identity, loaders, id),
  activePerformanceRuleSet: (_p, _a, { identity, runtime }) => activeRuleSetFor(runtime.ds, identity),
  simulatePerformanceRuleSet: (_p, args, { identity, runtime, loaders }) =>
    simulateRuleSet(runtime.ds, identity, loaders, args),
  judgeScores: (_p, { first }, { identity, runtime }) => judgeScores(runtime.readDs, identity, first),
  warningRules: (_p, _a, { identity, runtime }) => listWarningRules(runtime.ds, identity),
  warnings: (_p, args, { identity, runtime }) => listWarnings(runtime.ds, identity, args),
  warning: (_p, { id }, { identity, runtime }) => warningById(runtime.ds, identity, id),
  judicialSuggestions: (_p, args, { identity, runtime }) => listJudicialSuggestions(runtime.ds, identity, args),
  judicialSuggestion: (_p, { id }, { identity, runtime }) => judicialSuggestionById(runtime.ds, identity, id),
  auditLog: (_p, args, { identity, runtime }) => loadAuditLog(runtime.ds, identity, args.filter, args),
};
