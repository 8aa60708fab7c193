import { acknowledgeCreditChange } from '../commands/acknowledge-credit-change';
import { extendListing } from '../commands/extend-listing';
import { listDishonestObligor } from '../commands/list-dishonest-obligor';
import { overrideCreditProfile } from '../commands/override-credit-profile';
import { pauseWebhook } from '../commands/pause-webhook';
import { registerOrganization } from '../commands/register-organization';
import { registerPerson } from '../commands/register-person';
import { refreshSession } from '../commands/refresh-session';
import { registerStaff } from '../commands/register-staff';
import { registerWebhook } from '../commands/register-webhook';
import { removeListing } from '../commands/remove-listing';
import { requestSignInCode } from '../commands/request-sign-in-code';
import { signIn } from '../commands/sign-in';
import { signOut } from '../commands/sign-out';
import { replayWebhook } from '../commands/replay-webhook';
import { resumeWebhook } from '../commands/resume-webhook';
import { rotateWebhookSecret } from '../commands/rotate-webhook-secret';
import { updateParty } from '../commands/update-party';
import { updateStaff } from '../commands/update-staff';
import type { MutationResolvers } from '../generated/resolvers-types';

export const Mutation: MutationResolvers = {
  requestSignInCode: (_p, args, ctx) => requestSignInCode(ctx, args),
  signIn: (_p, args, ctx) => signIn(ctx, args),
  refreshSession: (_p, args, ctx) => refreshSession(ctx, args),
  signOut: (_p, args, ctx) => signOut(ctx, args),
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
  registerWebhook: (_p, args, ctx) => registerWebhook(ctx, args),
  rotateWebhookSecret: (_p, args, ctx) => rotateWebhookSecret(ctx, args),
  pauseWebhook: (_p, args, ctx) => pauseWebhook(ctx, args),
  resumeWebhook: (_p, args, ctx) => resumeWebhook(ctx, args),
  replayWebhook: (_p, args, ctx) => replayWebhook(ctx, args),
};
