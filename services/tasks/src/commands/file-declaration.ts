import { randomUUID } from 'node:crypto';
import { courtDate, errors, requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import { FormEntity, PartyRefEntity } from '../entities';
import { declarationSummary } from '../domain/forms';
import { mayFileForUnknownParty, requireMayFileDeclaration } from '../policy';
import { requireObligorCase } from './shared/cases';
import { emitForm, insertForm } from './shared/forms';
import { declarationAnswers, uuid } from './shared/input';

const declarationSchema = z.object({ partyId: uuid, caseId: uuid.nullish(), ...declarationAnswers });

/** A party's property declaration (财产申报), filed by the party or by staff of its home division. */
export async function fileDeclaration(ctx: Context, input: unknown): Promise<FormEntity> {
  requireSignedIn(ctx.identity);
  const a = parseInput(declarationSchema, input);
  if (a.signedOn > courtDate(new Date())) throw errors.validation('signedOn', 'signedOn cannot be in the future');
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const party = await m.getRepository(PartyRefEntity).findOneBy({ partyId: a.partyId });
    if (!party && !mayFileForUnknownParty(ctx.identity, a.partyId)) throw errors.notFound('Party', a.partyId);
    requireMayFileDeclaration(ctx.identity, a.partyId, party?.homeDivisionCode);
    await requireObligorCase(m, a.partyId, a.caseId);
    const id = randomUUID();
    const form = {
      id,
      formType: 'PROPERTY_DECLARATION' as const,
      partyId: a.partyId,
      caseId: a.caseId ?? null,
      taskId: null,
      summary: declarationSummary(a),
      submittedAt: new Date(),
    };
    await insertForm(m, { ...form, answers: a, submittedBy: ctx.identity.sub });
    await emitForm(emit, form);
    return m.getRepository(FormEntity).findOneByOrFail({ id });
  });
}
