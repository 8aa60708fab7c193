import { downloadLink, requireDownloadLink } from '@zhiyuan/storage';
import { errors, isUuid, requireSignedIn } from '@zhiyuan/kernel';
import { recordAudit } from '@zhiyuan/server';
import type { Context } from '../context';
import type { AttachmentEntity, AttachmentTargetKind } from '../entities';
import { canReadAttachmentsOf, needsCaseJudge, type AttachmentTarget } from '../policy';

/** The service's name in tickets: the gateway sends a ticket back to the subgraph that signed it. */
export const TICKET_SERVICE = 'tasks';

/** The thing an attachment is (to be) attached to, with what its access rules need; null when there is none. */
export async function attachmentTarget(
  ctx: Context,
  kind: AttachmentTargetKind,
  id: string,
): Promise<AttachmentTarget | null> {
  if (!isUuid(id)) return null;
  const judgeOf = async (caseId: string | null) =>
    needsCaseJudge(ctx.identity) && caseId ? (await ctx.loaders.caseRef.load(caseId))?.judgeId : null;
  switch (kind) {
    case 'TASK': {
      const task = await ctx.loaders.task.load(id);
      return task ? { kind, task, caseJudgeId: await judgeOf(task.caseId) } : null;
    }
    case 'WHEREABOUTS_FEEDBACK': {
      const form = await ctx.loaders.form.load(id);
      if (!form || form.formType !== 'WHEREABOUTS_FEEDBACK' || !form.taskId) return null;
      const task = await ctx.loaders.task.load(form.taskId);
      return task ? { kind, task, caseJudgeId: await judgeOf(task.caseId) } : null;
    }
    case 'PROPERTY_DECLARATION': {
      const form = await ctx.loaders.form.load(id);
      if (!form || form.formType !== 'PROPERTY_DECLARATION') return null;
      const party = await ctx.loaders.partyRef.load(form.partyId);
      return { kind, partyId: form.partyId, homeDivisionCode: party?.homeDivisionCode };
    }
    case 'HOME_VISIT': {
      const visit = await ctx.loaders.homeVisit.load(id);
      if (!visit) return null;
      const party = await ctx.loaders.partyRef.load(visit.partyId);
      return { kind, partyId: visit.partyId, homeDivisionCode: party?.homeDivisionCode };
    }
    case 'MEETING': {
      const meeting = await ctx.loaders.meeting.load(id);
      return meeting ? { kind, villageCode: meeting.villageCode } : null;
    }
  }
}

/**
 * The stored attachments of a task, meeting or form, for who may read it (others see none); the
 * parent's own resolver has already decided that, this asks again so no path around it exists.
 */
export async function attachmentsOf(ctx: Context, kind: AttachmentTargetKind, id: string): Promise<AttachmentEntity[]> {
  const target = await attachmentTarget(ctx, kind, id);
  if (!target || !canReadAttachmentsOf(ctx.identity, target)) return [];
  return ctx.loaders.attachmentsOf.load(`${kind}:${id}`);
}

/**
 * A short-lived link to the file for the caller who read the attachment: the gateway streams the file
 * for whoever holds it, and records the download under the identity it names (openAttachmentDownload).
 */
export function downloadUrl(ctx: Context, a: AttachmentEntity): string {
  return downloadLink(ctx.settings.attachments, TICKET_SERVICE, a.id, ctx.identity);
}

/**
 * The gateway's first step of a download: checks the ticket, records the download in the audit log
 * (action EXPORT, operation `attachmentDownload`) and answers where the file is kept. The audit entry
 * is written before any byte is sent, so no download goes unrecorded.
 */
export async function openAttachmentDownload(ctx: Context, ticket: string): Promise<AttachmentEntity> {
  requireSignedIn(ctx.identity);
  const id = requireDownloadLink(ctx.settings.attachments, TICKET_SERVICE, ticket, ctx.identity.sub);
  const a = await ctx.loaders.attachment.load(id);
  if (!a || a.status !== 'STORED') throw errors.notFound('Attachment', id);
  await recordAudit(ctx.runtime.messaging, ctx.identity, 'EXPORT', [
    { operation: 'attachmentDownload', targetKind: 'ATTACHMENT', targetId: a.id },
  ]);
  return a;
}
