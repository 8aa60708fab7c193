/**
 * GraphQL Code Generator for every subgraph: typed resolvers in services/<name>/src/generated/resolvers-types.ts,
 * made from its src/schema.graphql. One project per service; `npm run codegen` in a service runs its own
 * (`graphql-codegen --config ../../codegen.ts --project <name>`), `npm run codegen` at the root runs them all.
 *
 * What differs between services is only their mappers (the model a resolver receives for a GraphQL type)
 * and how they spell scalars and enums; the plugins and the context type are the same for all. Paths in
 * `contextType` and `mappers` are relative to the generated file.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

/** The GraphQL Config shape `--project` selects from: one project per subgraph, codegen as its extension. */
interface Project {
  schema: string;
  extensions: { codegen: CodegenConfig };
}
type Options = Record<string, unknown>;

function subgraph(name: string, config: Options): Project {
  const codegen: CodegenConfig = {
    generates: {
      [`services/${name}/src/generated/resolvers-types.ts`]: {
        plugins: ['typescript', 'typescript-resolvers'],
        config: { federation: true, useIndexSignature: true, contextType: '../context#Context', ...config },
      },
    },
  };
  return { schema: `services/${name}/src/schema.graphql`, extensions: { codegen } };
}

const config: { projects: Record<string, Project> } = {
  projects: {
    cases: subgraph('cases', {
      scalars: { DateTime: 'Date | string', Date: 'string', Fen: 'number', JSON: 'Record<string, unknown>' },
      mappers: {
        Case: '../entities#CaseEntity',
        Performance: '../entities#PerformanceEntity',
        PerformanceReversal: '../entities#PerformanceReversalEntity',
        Settlement: '../entities#SettlementEntity',
        Instalment: '../entities#InstalmentEntity',
        AssetLead: '../entities#AssetLeadEntity',
        CaseTimelineEntry: '../resolvers/refs#TimelineEntryModel',
        CauseOfAction: '../domain/causes#CauseOfActionModel',
        Party: '../resolvers/refs#PartyRef',
        Staff: '../resolvers/refs#StaffRef',
        Division: '../resolvers/refs#DivisionRef',
        Me: '../resolvers/refs#MeRef',
        CaseConnection: '../resolvers/refs#CaseConnectionModel',
        PaymentResult: '../resolvers/refs#PaymentResultModel',
        JudgmentImportResult: '../resolvers/refs#JudgmentImportResultModel',
        Attachment: '../entities#SettlementAttachmentEntity',
        AttachmentDownload: '../entities#SettlementAttachmentEntity',
        AttachmentUpload: '../commands/request-settlement-attachment-upload#SettlementAttachmentUploadModel',
      },
    }),
    'people-credit': subgraph('people-credit', {
      enumsAsTypes: true,
      scalars: { DateTime: 'Date | string', Date: 'string', Fen: 'number' },
      mappers: {
        Division: '../entities#DivisionEntity',
        Party: '../entities#PartyEntity',
        Staff: '../entities#StaffEntity',
        CreditProfile: '../entities#CreditProfileEntity',
        DishonestListing: '../entities#DishonestListingEntity',
        CreditLink: '../entities#CreditLinkEntity',
        CreditLinkChange: '../entities#CreditLinkChangeEntity',
        Webhook: '../entities#WebhookEntity',
        WebhookDelivery: '../entities#WebhookDeliveryEntity',
        ExposureBoardEntry: '../entities#ExposureBoardRow',
        Case: '../entities#CaseRef',
        Me: '../entities#MeRef',
        PartyCaseView: '../queries/party-view#PartyCaseViewModel',
      },
    }),
    tasks: subgraph('tasks', {
      enumsAsTypes: true,
      scalars: { DateTime: { input: 'string', output: 'Date | string' }, Date: 'string', Fen: 'number' },
      mappers: {
        Task: '../entities#TaskEntity',
        Case: '../resolvers/refs#CaseRef',
        Party: '../resolvers/refs#PartyRef',
        Division: '../resolvers/refs#DivisionRef',
        Staff: '../resolvers/refs#StaffRef',
        Notification: '../entities#NotificationEntity',
        EnforcementMeeting: '../entities#MeetingEntity',
        MeetingInvitee: '../entities#MeetingInviteeEntity',
        WhereaboutsFeedback: '../entities#FormEntity',
        PropertyDeclaration: '../entities#FormEntity',
        CaseMessage: '../entities#CaseMessageEntity',
        ObligorPlan: '../entities#ObligorPlanEntity',
        HomeVisit: '../entities#HomeVisitEntity',
        Proposal: '../entities#ProposalEntity',
        Attachment: '../entities#AttachmentEntity',
        AttachmentDownload: '../entities#AttachmentEntity',
        AttachmentUpload: '../commands/request-attachment-upload#AttachmentUploadModel',
      },
    }),
    metrics: subgraph('metrics', {
      enumsAsTypes: true,
      scalars: {
        DateTime: { input: 'string', output: 'Date | string' },
        Date: { input: 'string', output: 'string' },
        Fen: { input: 'number', output: 'number' },
        JSON: { input: 'unknown', output: 'unknown' },
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
    }),
  },
};
export default config;
