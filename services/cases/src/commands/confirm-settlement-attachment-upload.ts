import { DomainError, errors, requireSignedIn } from '@zhiyuan/kernel';
import { receiptSchema, verifyTicket } from '@zhiyuan/storage';
import type { Context } from '../context';
import { SettlementAttachmentEntity } from '../entities';

/**
 * The gateway's report that a settlement's file is stored: its receipt (signed with the key only the
 * gateway and the subgraphs hold) names the attachment, the SHA-256 and the size it measured.
 */
export async function confirmSettlementAttachmentUpload(
  ctx: Context,
  receipt: string,
): Promise<SettlementAttachmentEntity> {
  requireSignedIn(ctx.identity);
  const v = verifyTicket(ctx.settings.attachments.secret, receiptSchema, receipt);
  if (!v.ok) throw new DomainError('FORBIDDEN', 'This is no receipt of a stored upload', { reason: v.problem });
  const r = v.claims;
  return ctx.runtime.messaging.transaction(async (m) => {
    const repo = m.getRepository(SettlementAttachmentEntity);
    const a = await repo.findOne({ where: { id: r.id }, lock: { mode: 'pessimistic_write' } });
    if (!a) throw errors.notFound('Attachment', r.id);
    if (a.requestedBy !== ctx.identity.sub) throw new DomainError('FORBIDDEN', 'The upload was handed to someone else');
    if (a.status === 'STORED') {
      if (a.sha256 === r.sha256 && a.sizeBytes === r.sizeBytes) return a;
      throw errors.conflict('The attachment is already stored');
    }
    if (r.contentType !== a.contentType || r.sizeBytes !== a.sizeBytes)
      throw errors.conflict('The stored file is not the one the upload declared');
    a.status = 'STORED';
    a.sha256 = r.sha256;
    a.uploadedAt = new Date();
    await repo.save(a);
    return a;
  });
}
