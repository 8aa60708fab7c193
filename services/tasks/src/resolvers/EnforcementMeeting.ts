import type { EnforcementMeetingResolvers, MeetingInviteeResolvers } from '../generated/resolvers-types';
import { meetingFigures } from '../domain/meetings';

export const EnforcementMeeting: EnforcementMeetingResolvers = {
  village: (m) => ({ code: m.villageCode }),
  township: (m) => (m.townshipCode ? { code: m.townshipCode } : null),
  invitees: (m, _a, { loaders }) => loaders.inviteesOfMeeting.load(m.id),
  figures: async (m, _a, { loaders }) => meetingFigures(await loaders.inviteesOfMeeting.load(m.id)),
};

export const MeetingInvitee: MeetingInviteeResolvers = {
  party: (i) => ({ id: i.partyId }),
  partyName: async (i, _a, { loaders }) => (await loaders.partyRef.load(i.partyId))?.name ?? null,
  case: (i) => ({ id: i.caseId }),
};
