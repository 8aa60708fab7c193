import type { PropertyDeclarationResolvers, WhereaboutsFeedbackResolvers } from '../generated/resolvers-types';
import { attachmentsOf } from '../queries/attachments';
import { feedbackContact, taskOfForm } from '../queries/forms';

const sighting = (v: { seen?: boolean; note?: string | null } | undefined) => ({
  seen: !!v?.seen,
  note: v?.note ?? null,
});

export const WhereaboutsFeedback: WhereaboutsFeedbackResolvers = {
  task: (f, _a, ctx) => taskOfForm(ctx, f),
  case: (f) => (f.caseId ? { id: f.caseId } : null),
  obligor: (f) => ({ id: f.partyId }),
  found: (f) => !!f.answers.found,
  whereabouts: (f) => f.answers.whereabouts ?? null,
  contact: (f, _a, ctx) => feedbackContact(ctx, f),
  employment: (f) => f.answers.employment ?? null,
  assets: (f) => ({
    realEstate: sighting(f.answers.assets?.realEstate),
    vehicles: sighting(f.answers.assets?.vehicles),
    deposits: sighting(f.answers.assets?.deposits),
    business: sighting(f.answers.assets?.business),
    estimatedValueFen: f.answers.assets?.estimatedValueFen ?? null,
  }),
  notes: (f) => f.answers.notes ?? null,
  attachments: (f, _a, ctx) => attachmentsOf(ctx, 'WHEREABOUTS_FEEDBACK', f.id),
};

export const PropertyDeclaration: PropertyDeclarationResolvers = {
  party: (f) => ({ id: f.partyId }),
  case: (f) => (f.caseId ? { id: f.caseId } : null),
  monthlyIncomeFen: (f) => f.answers.monthlyIncomeFen,
  assets: (f) => f.answers.assets ?? [],
  debtsFen: (f) => f.answers.debtsFen,
  dependants: (f) => f.answers.dependants,
  signedOn: (f) => f.answers.signedOn,
  attachments: (f, _a, ctx) => attachmentsOf(ctx, 'PROPERTY_DECLARATION', f.id),
};
