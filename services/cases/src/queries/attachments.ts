import { downloadLink, requireDownloadLink } from '@zhiyuan/storage';
import { errors, requireSignedIn } from '@zhiyuan/kernel';
import { recordAudit } from '@zhiyuan/server';
import type { Context } from '../context';
import type { SettlementAttachmentEntity, SettlementEntity } from '../entities';
import { canSeeCase } from '../policy';

/** The service's name in tickets: the gateway sends a ticket back to the subgraph that signed it. */
export const TICKET_SERVICE = 'cases';

/** A settlement's stored files, for who may see its case (a settlement is read through its case). */
export async function attachmentsOfSettlement(
  ctx: Context,
  s: SettlementEntity,
): Promise<SettlementAttachmentEntity[]> {
  const c = await ctx.loaders.case.load(s.caseId);
  if (!c || !canSeeCase(ctx.identity, c)) return [];
  return ctx.loaders.attachmentsOfSettlement.load(s.id);
}

/** A short-lived link to the file on the gateway, for the caller who read the attachment. */
export function downloadUrl(ctx: Context, a: SettlementAttachmentEntity): string {
  return downloadLink(ctx.settings.attachments, TICKET_SERVICE, a.id, ctx.identity);
}

/**
 * The gateway's first step of a download: checks the ticket, records the download in the audit log
 * (action EXPORT, operation `attachmentDownload`) before any byte is sent, and names the file.
 */
export async function openSettlementAttachmentDownload(
  ctx: Context,
  ticket: string,
): Promise<SettlementAttachmentEntity> {
  requireSignedIn(ctx.identity);
  const id = requireDownloadLink(ctx.settings.attachments, TICKET_SERVICE, ticket, ctx.identity.sub);
  const a = await ctx.loaders.settlementAttachment.load(id);
  if (!a || a.status !== 'STORED') throw errors.notFound('Attachment', id);
  await recordAudit(ctx.runtime.messaging, ctx.identity, 'EXPORT', [
    { operation: 'attachmentDownload', targetKind: 'ATTACHMENT', targetId: a.id },
  ]);
  return a;
}
