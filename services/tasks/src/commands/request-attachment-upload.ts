import { randomUUID } from 'node:crypto';
import { errors, requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { newStorageKey, signTicket, ticketIdentity } from '@zhiyuan/storage';
import { z } from 'zod';
import type { Context } from '../context';
import { requireAcceptableUpload } from '../domain/attachments';
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
  requireAcceptableUpload(s, a);
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
  const ticket = signTicket(
    s.secret,
    {
      k: 'upload',
      svc: TICKET_SERVICE,
      id,
      key: row.storageKey,
      contentType: row.contentType,
      sizeBytes: row.sizeBytes,
      who: ticketIdentity(ctx.identity),
    },
    s.uploadTtlSeconds,
    now.getTime(),
  );
  return {
    attachment: row,
    uploadUrl: `/attachments/upload/${ticket}`,
    expiresAt: new Date(Math.floor(now.getTime() / 1000) * 1000 + s.uploadTtlSeconds * 1000),
  };
}
