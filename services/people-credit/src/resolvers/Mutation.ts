import { acknowledgeCreditChange } from '../commands/acknowledge-credit-change';
import { extendListing } from '../commands/extend-listing';
import { listDishonestObligor } from '../commands/list-dishonest-obligor';
import { overrideCreditProfile } from '../commands/override-credit-profile';
import { registerOrganization } from '../commands/register-organization';
import { registerPerson } from '../commands/register-person';
import { registerStaff } from '../commands/register-staff';
import { removeListing } from '../commands/remove-listing';
import { updateParty } from '../commands/update-party';
import { updateStaff } from '../commands/update-staff';
import type { MutationResolvers } from '../generated/resolvers-types';

export const Mutation: MutationResolvers = {
  registerPerson: (_p, args, ctx) => registerPerson(ctx, args.input),
  registerOrganization: (_p, args, ctx) => registerOrganization(ctx, args.input),
  updateParty: (_p, args, ctx) => updateParty(ctx, args.id, args.input),
  registerStaff: (_p, args, ctx) => registerStaff(ctx, args.input),
  updateStaff: (_p, args, ctx) => updateStaff(ctx, args.id, args.input),
  overrideCreditProfile: (_p, args, ctx) => overrideCreditProfile(ctx, args.partyId, args.input),
  listDishonestObligor: (_p, args, ctx) => listDishonestObligor(ctx, args.input),
  extendListing: (_p, args, ctx) => extendListing(ctx, args.id, args.years, args.reason),
  removeListing: (_p, args, ctx) => removeListing(ctx, args.id, args.input),
  acknowledgeCreditChange: (_p, args, ctx) => acknowledgeCreditChange(ctx, args.changeId),
};
