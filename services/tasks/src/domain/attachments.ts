import { errors } from '@zhiyuan/kernel';

/** Limits of an attachment and the lives of its links (ATTACHMENT_* configuration). */
export interface AttachmentLimits {
  maxBytes: number;
  /** The content types accepted; the gateway checks each against the file's first bytes. */
  types: readonly string[];
  uploadTtlSeconds: number;
  downloadTtlSeconds: number;
}

export interface AttachmentSettings extends AttachmentLimits {
  /** The secret tickets are signed with (INTERNAL_AUTH_SECRET, shared with the gateway). */
  secret: string;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxBytes: 20 * 1024 * 1024,
  types: [
    'application/pdf',
    'image/jpeg',
    'image/png',
    'image/webp',
    'image/heic',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
  uploadTtlSeconds: 600,
  downloadTtlSeconds: 300,
};

/** Control characters and path separators never reach a file name shown to people or sent in a header. */
const UNSAFE_NAME = /[\u0000-\u001f\u007f/\\]/;

/**
 * What an upload declares before any byte is sent: a readable file name, an accepted type and a
 * size within the limit. The gateway holds the stream to the same size and type.
 */
export function requireAcceptableUpload(
  limits: AttachmentLimits,
  upload: { fileName: string; contentType: string; sizeBytes: number },
): void {
  const name = upload.fileName.trim();
  if (!name || name.length > 200 || UNSAFE_NAME.test(name))
    throw errors.validation('fileName', 'A file name of 1 to 200 characters, without slashes or control characters');
  if (!limits.types.includes(upload.contentType))
    throw errors.validation('contentType', `Attachments are one of ${limits.types.join(', ')}`);
  if (!Number.isInteger(upload.sizeBytes) || upload.sizeBytes < 1)
    throw errors.validation('sizeBytes', 'The size of the file in bytes');
  if (upload.sizeBytes > limits.maxBytes)
    throw errors.validation('sizeBytes', `Attachments are at most ${limits.maxBytes} bytes`);
}
