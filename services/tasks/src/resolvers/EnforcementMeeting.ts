import type { EnforcementMeetingResolvers, MeetingInviteeResolvers } from '../generated/resolvers-types';
import { attachmentsOf } from '../queries/attachments';
import { figuresOfMeeting, inviteeName, inviteesOfMeeting } from '../queries/meetings';

export const EnforcementMeeting: EnforcementMeetingResolvers = {
  village: (m) => ({ code: m.villageCode }),
  township: (m) => (m.townshipCode ? { code: m.townshipCode } : null),
  invitees: (m, _a, ctx) => inviteesOfMeeting(ctx, m.id),
  figures: (m, _a, ctx) => figuresOfMeeting(ctx, m.id),
  attachments: (m, _a, ctx) => attachmentsOf(ctx, 'MEETING', m.id),
};

export const MeetingInvitee: MeetingInviteeResolvers = {
  party: (i) => ({ id: i.partyId }),
  partyName: (i, _a, ctx) => inviteeName(ctx, i.partyId),
  case: (i) => ({ id: i.caseId }),
};
