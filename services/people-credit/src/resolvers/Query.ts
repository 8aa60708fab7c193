import type { QueryResolvers } from '../generated/resolvers-types';
import { partnerCreditStatus, unacknowledgedCreditChanges } from '../queries/credit-links';
import { division, divisions, enforcementOfficerOf } from '../queries/divisions';
import { exposureBoard, listing, listings } from '../queries/listings';
import { me } from '../queries/me';
import { parties, party, partyByIdNumber } from '../queries/parties';
import { staff, staffMembers } from '../queries/staff';
import { webhook, webhookDeliveries, webhooks } from '../queries/webhooks';

export const Query: QueryResolvers = {
  me: (_p, _a, ctx) => me(ctx),
  division: (_p, { code }, ctx) => division(ctx, code),
  divisions: (_p, args, ctx) => divisions(ctx, args),
  enforcementOfficerOf: (_p, { townshipCode }, ctx) => enforcementOfficerOf(ctx, townshipCode),
  party: (_p, { id }, ctx) => party(ctx, id),
  partyByIdNumber: (_p, { idNumber }, ctx) => partyByIdNumber(ctx, idNumber),
  parties: (_p, args, ctx) => parties(ctx, args),
  staff: (_p, { id }, ctx) => staff(ctx, id),
  staffMembers: (_p, args, ctx) => staffMembers(ctx, args),
  listing: (_p, { id }, ctx) => listing(ctx, id),
  listings: (_p, args, ctx) => listings(ctx, args),
  // Public: anonymous callers may read it.
  exposureBoard: (_p, args, ctx) => exposureBoard(ctx, args),
  partnerCreditStatus: (_p, args, ctx) => partnerCreditStatus(ctx, args),
  unacknowledgedCreditChanges: (_p, args, ctx) => unacknowledgedCreditChanges(ctx, args),
  webhook: (_p, args, ctx) => webhook(ctx, args),
  webhooks: (_p, args, ctx) => webhooks(ctx, args),
  webhookDeliveries: (_p, args, ctx) => webhookDeliveries(ctx, args),
};
