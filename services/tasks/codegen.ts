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
        },
      },
    },
  },
};
export default config;
