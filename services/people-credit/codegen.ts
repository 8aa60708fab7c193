import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'src/schema.graphql',
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        enumsAsTypes: true,
        useIndexSignature: true,
        contextType: '../context#Context',
        scalars: { DateTime: 'Date | string', Date: 'string', Fen: 'number' },
        mappers: {
          Division: '../entities#DivisionEntity',
          Party: '../entities#PartyEntity',
          Staff: '../entities#StaffEntity',
          CreditProfile: '../entities#CreditProfileEntity',
          DishonestListing: '../entities#DishonestListingEntity',
          CreditLink: '../entities#CreditLinkEntity',
          CreditLinkChange: '../entities#CreditLinkChangeEntity',
          ExposureBoardEntry: '../entities#ExposureBoardRow',
          Case: '../entities#CaseRef',
        },
      },
    },
  },
};
export default config;
