import type { SettlementResolvers } from '../generated/resolvers-types';
import { attachmentsOfSettlement } from '../queries/attachments';

export const Settlement: SettlementResolvers = {
  instalments: (s, _a, { loaders }) => loaders.instalmentsOf.load(s.id),
  attachments: (s, _a, ctx) => attachmentsOfSettlement(ctx, s),
};
