import { errors, requireSignedIn } from '@zhiyuan/kernel';
import { receiptOutcome, requireReceipt } from '@zhiyuan/storage';
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
  const r = requireReceipt(ctx.settings.attachments, receipt);
  return ctx.runtime.messaging.transaction(async (m) => {
    const repo = m.getRepository(SettlementAttachmentEntity);
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
