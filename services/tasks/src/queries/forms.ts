import { maskPhone } from '@zhiyuan/kernel';
import type { Context } from '../context';
import type { FormEntity, TaskEntity } from '../entities';
import { canSeePartyData } from '../policy';
import { personal } from './personal-data';

/** The task a feedback form answers. */
export async function taskOfForm(ctx: Context, f: FormEntity): Promise<TaskEntity | null> {
  return f.taskId ? ctx.loaders.task.load(f.taskId) : null;
}

/**
 * The contact an obligor left, in full for those who may see the party's personal data (and logged,
 * PIPL: access to personal data is recorded), masked for everyone else.
 */
export async function feedbackContact(ctx: Context, f: FormEntity): Promise<string | null> {
  const { identity, loaders } = ctx;
  const contact: string | null = f.answers.contact ?? null;
  if (!contact) return null;
  const party = await loaders.partyRef.load(f.partyId);
  if (!canSeePartyData(identity, f.partyId, party?.homeDivisionCode)) return maskPhone(contact);
  return personal(ctx, 'WhereaboutsFeedback.contact', f.partyId, contact);
}
