import { randomUUID } from 'node:crypto';
import { errors, requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { newStorageKey, requireDeclaredUpload, uploadLink } from '@zhiyuan/storage';
import { z } from 'zod';
import type { Context } from '../context';
import { ATTACHMENT_TARGETS, AttachmentEntity } from '../entities';
import { canAttachTo, deny } from '../policy';
import { TICKET_SERVICE, attachmentTarget } from '../queries/attachments';
import { uuid } from './shared/input';

const requestSchema = z.object({
  target: z.object({ kind: z.enum(ATTACHMENT_TARGETS), id: uuid }),
  fileName: z.string().max(1000),
  contentType: z.string().max(200),
  sizeBytes: z.number().int().positive('must be at least one byte'),
});

export interface AttachmentUploadModel {
  attachment: AttachmentEntity;
  uploadUrl: string;
  expiresAt: Date;
}

/**
 * Hands out an upload: checks that the caller may change the thing the file is attached to and that
 * the file's declared name, type and size are acceptable, writes the PENDING row and answers a
 * short-lived signed URL on the gateway, which streams the file to storage and reports it stored
 * (confirmAttachmentUpload). Nothing is written when any check fails.
 */
export async function requestAttachmentUpload(ctx: Context, input: unknown): Promise<AttachmentUploadModel> {
  requireSignedIn(ctx.identity);
  const a = parseInput(requestSchema, input);
  const target = await attachmentTarget(ctx, a.target.kind, a.target.id);
  if (!target) throw errors.notFound(a.target.kind, a.target.id);
  if (!canAttachTo(ctx.identity, target)) deny('You cannot attach files to this');
  const s = ctx.settings.attachments;
  requireDeclaredUpload(s, a);
  const id = randomUUID();
  const now = new Date();
  const row: AttachmentEntity = {
    id,
    targetKind: a.target.kind,
    targetId: a.target.id,
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
  await ctx.runtime.messaging.transaction(async (m) => {
    await m.getRepository(AttachmentEntity).insert(row);
  });
  return { attachment: row, ...uploadLink(s, TICKET_SERVICE, row, ctx.identity, now) };
}
