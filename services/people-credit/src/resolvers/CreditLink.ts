import type { CreditLinkChangeResolvers, CreditLinkResolvers, PartnerDepartment } from '../generated/resolvers-types';
import { maskIdNumber } from '@zhiyuan/server';

export const CreditLink: CreditLinkResolvers = {
  department: (l) => l.department as PartnerDepartment,
  history: (l, _a, { loaders }) => loaders.linkHistory.load(`${l.partyId}:${l.department}`),
};

export const CreditLinkChange: CreditLinkChangeResolvers = {
  department: (c) => c.department as PartnerDepartment,
  partyName: async (c, _a, { loaders }) => (await loaders.party.load(c.partyId))?.name ?? '',
  idNumberMasked: async (c, _a, { loaders }) => {
    const p = await loaders.party.load(c.partyId);
    return p ? maskIdNumber(p.idNumber) : '';
  },
};
