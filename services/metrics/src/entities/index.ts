import 'reflect-metadata';
import { JudicialSuggestionEntity } from './judicial-suggestion.entity';
import { PerformanceRuleSetEntity } from './performance-rule-set.entity';
import { WarningRuleEntity } from './warning-rule.entity';
import { WarningEntity } from './warning.entity';

export { JudicialSuggestionEntity, PerformanceRuleSetEntity, WarningRuleEntity, WarningEntity };
export const entities = [PerformanceRuleSetEntity, WarningRuleEntity, WarningEntity, JudicialSuggestionEntity];
/* Facts and aggregates are written and read with SQL (src/projection), not through entities. */
