import { chooseLocale } from '@zhiyuan/kernel';
import { creditLinkReasonText } from '../domain/reason-texts';
import type { CreditLinkChangeResolvers, CreditLinkResolvers, PartnerDepartment } from '../generated/resolvers-types';
import { changeIdNumberMasked } from '../queries/credit-links';

export const CreditLink: CreditLinkResolvers = {
  department: (l) => l.department as PartnerDepartment,
  history: (l, _a, { loaders }) => loaders.linkHistory.load(`${l.partyId}:${l.department}`),
};

export const CreditLinkChange: CreditLinkChangeResolvers = {
  department: (c) => c.department as PartnerDepartment,
  idNumberMasked: (c, _a, ctx) => changeIdNumberMasked(ctx, c),
  reasonText: (c, { locale }, ctx) => creditLinkReasonText(c.reason, chooseLocale(locale, ctx.locale)),
};
