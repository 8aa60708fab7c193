import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'src/schema.graphql',
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        contextType: '../context#Context',
        scalars: { DateTime: 'Date | string', Date: 'string', Fen: 'number' },
        mappers: {
          Case: '../entities#CaseEntity',
          Performance: '../entities#PerformanceEntity',
          PerformanceReversal: '../entities#PerformanceReversalEntity',
          Settlement: '../entities#SettlementEntity',
          Instalment: '../entities#InstalmentEntity',
          CaseTimelineEntry: '../entities#TimelineEntryEntity',
          CauseOfAction: '../domain/causes#CauseOfActionModel',
          Party: '../resolvers/refs#PartyRef',
          Staff: '../resolvers/refs#StaffRef',
          Division: '../resolvers/refs#DivisionRef',
          CaseConnection: '../resolvers/refs#CaseConnectionModel',
          PaymentResult: '../resolvers/refs#PaymentResultModel',
          JudgmentImportResult: '../resolvers/refs#JudgmentImportResultModel',
        },
      },
    },
  },
};
export default config;
