import { activatePerformanceRuleSet } from '../commands/activate-performance-rule-set';
import { answerJudicialSuggestion } from '../commands/answer-judicial-suggestion';
import { createJudicialSuggestion } from '../commands/create-judicial-suggestion';
import { createPerformanceRuleSet } from '../commands/create-performance-rule-set';
import { createWarningRule } from '../commands/create-warning-rule';
import { sendJudicialSuggestion } from '../commands/send-judicial-suggestion';
import { acknowledgeWarning } from '../commands/acknowledge-warning';
import { resolveWarning } from '../commands/resolve-warning';
import { updateWarningRule } from '../commands/update-warning-rule';
import type { MutationResolvers } from '../generated/resolvers-types';

export const Mutation: MutationResolvers = {
  createPerformanceRuleSet: (_p, { input }, { identity, runtime }) =>
    createPerformanceRuleSet(runtime, identity, input),
  activatePerformanceRuleSet: (_p, args, { identity, runtime }) => activatePerformanceRuleSet(runtime, identity, args),
  createWarningRule: (_p, { input }, { identity, runtime, settings }) =>
    createWarningRule(runtime, identity, settings, input),
  updateWarningRule: (_p, args, { identity, runtime, settings }) =>
    updateWarningRule(runtime, identity, settings, args),
  createJudicialSuggestion: (_p, { input }, { identity, runtime }) =>
    createJudicialSuggestion(runtime, identity, input),
  sendJudicialSuggestion: (_p, args, { identity, runtime }) => sendJudicialSuggestion(runtime, identity, args),
  acknowledgeWarning: (_p, args, { identity, runtime }) => acknowledgeWarning(runtime, identity, args),
  resolveWarning: (_p, args, { identity, runtime }) => resolveWarning(runtime, identity, args),
  answerJudicialSuggestion: (_p, args, { identity, runtime }) => answerJudicialSuggestion(runtime, identity, args),
};
