import type { PropertyDeclarationResolvers, WhereaboutsFeedbackResolvers } from '../generated/resolvers-types';
import { attachmentsOf } from '../queries/attachments';
import { feedbackContact, taskOfForm } from '../queries/forms';
import { personal } from '../queries/personal-data';

const sighting = (v: { seen?: boolean; note?: string | null } | undefined) => ({
  seen: !!v?.seen,
  note: v?.note ?? null,
});

export const WhereaboutsFeedback: WhereaboutsFeedbackResolvers = {
  task: (f, _a, ctx) => taskOfForm(ctx, f),
  case: (f) => (f.caseId ? { id: f.caseId } : null),
  obligor: (f) => ({ id: f.partyId }),
  found: (f) => !!f.answers.found,
  whereabouts: (f, _a, ctx) => personal(ctx, 'WhereaboutsFeedback', f.partyId, f.answers.whereabouts ?? null),
  contact: (f, _a, ctx) => feedbackContact(ctx, f),
  employment: (f, _a, ctx) => personal(ctx, 'WhereaboutsFeedback', f.partyId, f.answers.employment ?? null),
  assets: (f, _a, ctx) =>
    personal(ctx, 'WhereaboutsFeedback', f.partyId, {
      realEstate: sighting(f.answers.assets?.realEstate),
      vehicles: sighting(f.answers.assets?.vehicles),
      deposits: sighting(f.answers.assets?.deposits),
      business: sighting(f.answers.assets?.business),
      estimatedValueFen: f.answers.assets?.estimatedValueFen ?? null,
    }),
  notes: (f, _a, ctx) => personal(ctx, 'WhereaboutsFeedback', f.partyId, f.answers.notes ?? null),
  attachments: (f, _a, ctx) => attachmentsOf(ctx, 'WHEREABOUTS_FEEDBACK', f.id),
};

export const PropertyDeclaration: PropertyDeclarationResolvers = {
  party: (f) => ({ id: f.partyId }),
  case: (f) => (f.caseId ? { id: f.caseId } : null),
  monthlyIncomeFen: (f, _a, ctx) => personal(ctx, 'PropertyDeclaration', f.partyId, f.answers.monthlyIncomeFen),
  assets: (f, _a, ctx) => personal(ctx, 'PropertyDeclaration', f.partyId, f.answers.assets ?? []),
  debtsFen: (f, _a, ctx) => personal(ctx, 'PropertyDeclaration', f.partyId, f.answers.debtsFen),
  dependants: (f, _a, ctx) => personal(ctx, 'PropertyDeclaration', f.partyId, f.answers.dependants),
  signedOn: (f) => f.answers.signedOn,
  attachments: (f, _a, ctx) => attachmentsOf(ctx, 'PROPERTY_DECLARATION', f.id),
};
