import { maskPhone, recordAudit } from '@zhiyuan/server';
import type { PropertyDeclarationResolvers, WhereaboutsFeedbackResolvers } from '../generated/resolvers-types';
import { canSeePartyData } from '../access/scope';

const sighting = (v: { seen?: boolean; note?: string | null } | undefined) => ({ seen: !!v?.seen, note: v?.note ?? null });

export const WhereaboutsFeedback: WhereaboutsFeedbackResolvers = {
  task: (f, _a, { loaders }) => (f.taskId ? loaders.task.load(f.taskId) : null),
  case: (f) => (f.caseId ? { id: f.caseId } : null),
  obligor: (f) => ({ id: f.partyId }),
  found: (f) => !!f.answers.found,
  whereabouts: (f) => f.answers.whereabouts ?? null,
  contact: async (f, _a, { identity, loaders, runtime }) => {
    const contact: string | null = f.answers.contact ?? null;
    if (!contact) return null;
    const party = await loaders.partyRef.load(f.partyId);
    if (!canSeePartyData(identity, f.partyId, party?.homeDivisionCode)) return maskPhone(contact);
    // Reading a party's contact in full is logged (PIPL: log access to personal data).
    if (identity.partyId !== f.partyId) await recordAudit(runtime.messaging, identity, 'UNMASKED_READ', [{ operation: 'WhereaboutsFeedback.contact', targetKind: 'PARTY', targetId: f.partyId }]);
    return contact;
  },
  employment: (f) => f.answers.employment ?? null,
  assets: (f) => ({
    realEstate: sighting(f.answers.assets?.realEstate),
    vehicles: sighting(f.answers.assets?.vehicles),
    deposits: sighting(f.answers.assets?.deposits),
    business: sighting(f.answers.assets?.business),
    estimatedValueFen: f.answers.assets?.estimatedValueFen ?? null,
  }),
  notes: (f) => f.answers.notes ?? null,
};

export const PropertyDeclaration: PropertyDeclarationResolvers = {
  party: (f) => ({ id: f.partyId }),
  case: (f) => (f.caseId ? { id: f.caseId } : null),
  monthlyIncomeFen: (f) => f.answers.monthlyIncomeFen,
  assets: (f) => f.answers.assets ?? [],
  debtsFen: (f) => f.answers.debtsFen,
  dependants: (f) => f.answers.dependants,
  signedOn: (f) => f.answers.signedOn,
};
