import { chooseLocale } from '@zhiyuan/kernel';
import { creditReasonText } from '../domain/reason-texts';
import type { CreditProfileResolvers } from '../generated/resolvers-types';

export const CreditProfile: CreditProfileResolvers = {
  party: async (p, _a, { loaders }) => (await loaders.party.load(p.partyId))!,
  reasons: (p, { locale }, ctx) => {
    const l = chooseLocale(locale, ctx.locale);
    return p.reasonCodes.map((code) => ({ code, text: creditReasonText(code, l) }));
  },
};
