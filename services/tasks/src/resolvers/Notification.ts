import { maskPhone } from '@zhiyuan/kernel';
import type { NotificationResolvers, NotificationTemplate } from '../generated/resolvers-types';

export const Notification: NotificationResolvers = {
  template: (n) => n.template as NotificationTemplate,
  recipientParty: (n) => (n.recipientPartyId ? { id: n.recipientPartyId } : null),
  recipientStaff: (n) => (n.recipientStaffId ? { id: n.recipientStaffId } : null),
  // Phones are shown masked to everyone; the full number stays in the ledger.
  recipientPhone: (n) => (n.phone ? maskPhone(n.phone) : null),
  variables: (n) => Object.entries(n.variables ?? {}).map(([name, value]) => ({ name, value: String(value) })),
  case: (n) => (n.caseId ? { id: n.caseId } : null),
};
