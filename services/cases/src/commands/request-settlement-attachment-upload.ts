import { randomUUID } from 'node:crypto';
import { errors, uuidSchema } from '@zhiyuan/kernel';
import { newStorageKey, requireDeclaredUpload, uploadLink } from '@zhiyuan/storage';
import { z } from 'zod';
import type { Context } from '../context';
import { SettlementAttachmentEntity, SettlementEntity } from '../entities';
import { CASE_WORKERS } from '../policy';
import { TICKET_SERVICE } from '../queries/attachments';
import { onCase } from './shared/on-case';
import { parseInput } from '@zhiyuan/server';

const requestSchema = z.object({
  settlementId: uuidSchema,
  fileName: z.string().max(1000),
  contentType: z.string().max(200),
  sizeBytes: z.number().int().positive('must be at least one byte'),
});

export interface SettlementAttachmentUploadModel {
  attachment: SettlementAttachmentEntity;
  uploadUrl: string;
  expiresAt: Date;
}

/**
 * Hands out an upload for a settlement's signed papers: who may work the case (its judge, its
 * officer), as for agreeing the settlement; the declared name, type and size are checked, the
 * PENDING row written, and a short-lived signed link on the gateway answered (docs/attachments.md).
 */
export async function requestSettlementAttachmentUpload(
  ctx: Context,
  input: unknown,
): Promise<SettlementAttachmentUploadModel> {
  const a = parseInput(requestSchema, input);
  const limits = ctx.settings.attachments;
  const settlement = await ctx.loaders.settlement.load(a.settlementId);
  if (!settlement) throw errors.notFound('Settlement', a.settlementId);
  const id = randomUUID();
  const now = new Date();
  const row = await onCase(ctx, settlement.caseId, CASE_WORKERS, async (_c, manager) => {
    requireDeclaredUpload(limits, a);
    const attachment: SettlementAttachmentEntity = {
      id,
      settlementId: settlement.id,
      fileName: a.fileName.trim(),
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      status: 'PENDING',
      storageKey: newStorageKey(TICKET_SERVICE, id, now),
      sha256: null,
      requestedBy: ctx.identity.sub,
      requestedAt: now,
      uploadedAt: null,
    };
    // The settlement is read again under the case's lock: it belongs to the case that was checked.
    await manager.getRepository(SettlementEntity).findOneByOrFail({ id: settlement.id, caseId: settlement.caseId });
    await manager.getRepository(SettlementAttachmentEntity).insert(attachment);
    return attachment;
  });
  return { attachment: row, ...uploadLink(limits, TICKET_SERVICE, row, ctx.identity, now) };
}
