import { errors, requireSignedIn } from '@zhiyuan/kernel';
import { receiptOutcome, requireReceipt } from '@zhiyuan/storage';
import type { Context } from '../context';
import { AttachmentEntity } from '../entities';

/**
 * The gateway's report that a file is stored: the receipt, signed with the secret only the gateway
 * and the subgraphs hold, names the attachment and the SHA-256 and size the gateway measured while
 * streaming. The row becomes STORED with them; a client cannot confirm an upload on its own.
 */
export async function confirmAttachmentUpload(ctx: Context, receipt: string): Promise<AttachmentEntity> {
  requireSignedIn(ctx.identity);
  const r = requireReceipt(ctx.settings.attachments, receipt);
  return ctx.runtime.messaging.transaction(async (m) => {
    const repo = m.getRepository(AttachmentEntity);
    const a = await repo.findOne({ where: { id: r.id }, lock: { mode: 'pessimistic_write' } });
    if (!a) throw errors.notFound('Attachment', r.id);
    if (receiptOutcome(a, r, ctx.identity.sub) === 'UNCHANGED') return a;
    a.status = 'STORED';
    a.sha256 = r.sha256;
    a.uploadedAt = new Date();
    await repo.save(a);
    return a;
  });
}
