import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'src/schema.graphql',
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        contextType: '../context#Context',
        scalars: {
          DateTime: { input: 'string', output: 'Date | string' },
          Date: { input: 'string', output: 'string' },
          Fen: { input: 'number', output: 'number' },
        },
        mappers: {
          Division: '../resolvers/models#DivisionRef',
          Staff: '../resolvers/models#StaffRef',
          DivisionStats: '../projection/kpis#DivisionStatsModel',
          PerformanceRuleSet: '../entities#PerformanceRuleSetEntity',
          WarningRule: '../entities#WarningRuleEntity',
          Warning: '../entities#WarningEntity',
          JudicialSuggestion: '../entities#JudicialSuggestionEntity',
          JudgePerformance: '../resolvers/models#JudgePerformanceModel',
          JudgeScoreComparison: '../resolvers/models#JudgeScoreComparisonModel',
          JudgeScore: '../resolvers/models#JudgeScoreModel',
          MetricsRankingEntry: '../resolvers/models#RankingEntryModel',
          AuditEntry: '../resolvers/audit-log#AuditEntryModel',
        },
      },
    },
  },
};
export default config;
