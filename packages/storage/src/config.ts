import { fields, z } from '@zhiyuan/config';
import { ATTACHMENT_TYPE_NAMES, type AttachmentType } from './sniff';

const types = z
  .string()
  .default(ATTACHMENT_TYPE_NAMES.join(','))
  .transform((text, ctx): AttachmentType[] => {
    const list = text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const unknown = list.find((t) => !(ATTACHMENT_TYPE_NAMES as string[]).includes(t));
    if (unknown || !list.length) {
      ctx.addIssue({
        code: 'custom',
        message: `"${unknown ?? ''}" is not one of ${ATTACHMENT_TYPE_NAMES.join(', ')}`,
      });
      return z.NEVER;
    }
    return list as AttachmentType[];
  });

/** What the subgraphs owning attachments read: the limits they check before they hand out an upload. */
export const attachmentLimitsShape = {
  /** Largest attachment accepted, in bytes (declared before the upload, enforced again while it streams). */
  ATTACHMENT_MAX_BYTES: fields.positiveInt(20 * 1024 * 1024),
  /** Content types accepted (comma-separated), each checked against the file's first bytes. */
  ATTACHMENT_TYPES: types,
  /** Seconds an upload URL stays valid. */
  ATTACHMENT_UPLOAD_TTL_SECONDS: fields.positiveInt(600),
  /** Seconds a download URL stays valid. */
  ATTACHMENT_DOWNLOAD_TTL_SECONDS: fields.positiveInt(300),
};

/**
 * What the owning subgraphs read for their sweep of abandoned uploads: a PENDING row older than the
 * upload link's life plus the grace is removed, with the object under its key if one was written.
 */
export const attachmentSweepShape = {
  /** How often abandoned uploads are looked for, in milliseconds. */
  ATTACHMENT_SWEEP_INTERVAL_MS: fields.positiveInt(900_000),
  /** Seconds after an upload link expires before its PENDING row (and any stray object) is removed. */
  ATTACHMENT_ABANDON_GRACE_SECONDS: fields.positiveInt(3_600),
};

/** What the gateway reads (and the owning subgraphs, for their sweep): where the bytes go and the scanner. */
export const attachmentStorageShape = {
  /** `filesystem` (under ATTACHMENT_DIR) or `s3` (an S3-compatible bucket, S3_* below). */
  ATTACHMENT_STORAGE: z.enum(['filesystem', 's3']).default('filesystem'),
  /** Directory of the filesystem storage. */
  ATTACHMENT_DIR: z.string().min(1).default('.data/attachments'),
  /** A command that reads a file on stdin and exits 0 when clean, 1 when infected (e.g. `clamdscan -`); unset: no scan. */
  ATTACHMENT_SCAN_COMMAND: z.string().optional(),
  /** The S3-compatible endpoint (unset: AWS's own for S3_REGION). */
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().default('zhiyuan-attachments'),
  /** Credentials; unset: the SDK's default chain (environment, instance role). */
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Path-style addressing, as MinIO and most S3-compatible stores expect. */
  S3_FORCE_PATH_STYLE: fields.boolean(true),
};

export type AttachmentLimitsConfig = z.infer<z.ZodObject<typeof attachmentLimitsShape>>;
export type AttachmentSweepConfig = z.infer<z.ZodObject<typeof attachmentSweepShape>>;
export type AttachmentStorageConfig = z.infer<z.ZodObject<typeof attachmentStorageShape>>;
