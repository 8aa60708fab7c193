import { DomainError, errors, requireSignedIn } from '@zhiyuan/kernel';
import { receiptSchema, verifyTicket } from '@zhiyuan/storage';
import type { Context } from '../context';
import { AttachmentEntity } from '../entities';
import { deny } from '../policy';

/**
 * The gateway's report that a file is stored: the receipt, signed with the secret only the gateway
 * and the subgraphs hold, names the attachment and the SHA-256 and size the gateway measured while
 * streaming. The row becomes STORED with them; a client cannot confirm an upload on its own.
 */
export async function confirmAttachmentUpload(ctx: Context, receipt: string): Promise<AttachmentEntity> {
  requireSignedIn(ctx.identity);
  const v = verifyTicket(ctx.settings.attachments.secret, receiptSchema, receipt);
  if (!v.ok) throw new DomainError('FORBIDDEN', 'This is no receipt of a stored upload', { reason: v.problem });
  const r = v.claims;
  return ctx.runtime.messaging.transaction(async (m) => {
    const repo = m.getRepository(AttachmentEntity);
    const a = await repo.findOne({ where: { id: r.id }, lock: { mode: 'pessimistic_write' } });
    if (!a) throw errors.notFound('Attachment', r.id);
    if (a.requestedBy !== ctx.identity.sub) deny('The upload was handed to someone else');
    if (a.status === 'STORED') {
      // The same receipt again (a retried confirmation) changes nothing; another one is refused.
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
