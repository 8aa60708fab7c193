import { maskPhone } from '@zhiyuan/kernel';
import { recordAudit } from '@zhiyuan/server';
import type { Context } from '../context';
import type { FormEntity, TaskEntity } from '../entities';
import { canSeePartyData, isUnmaskedReadOfOther } from '../policy';

/** The task a feedback form answers. */
export async function taskOfForm(ctx: Context, f: FormEntity): Promise<TaskEntity | null> {
  return f.taskId ? ctx.loaders.task.load(f.taskId) : null;
}

/**
 * The contact an obligor left, in full for those who may see the party's personal data (and logged,
 * PIPL: access to personal data is recorded), masked for everyone else.
 */
export async function feedbackContact(ctx: Context, f: FormEntity): Promise<string | null> {
  const { identity, loaders, runtime } = ctx;
  const contact: string | null = f.answers.contact ?? null;
  if (!contact) return null;
  const party = await loaders.partyRef.load(f.partyId);
  if (!canSeePartyData(identity, f.partyId, party?.homeDivisionCode)) return maskPhone(contact);
  if (isUnmaskedReadOfOther(identity, f.partyId))
    await recordAudit(runtime.messaging, identity, 'UNMASKED_READ', [
      { operation: 'WhereaboutsFeedback.contact', targetKind: 'PARTY', targetId: f.partyId },
    ]);
  return contact;
}
