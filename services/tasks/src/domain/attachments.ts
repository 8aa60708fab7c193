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
