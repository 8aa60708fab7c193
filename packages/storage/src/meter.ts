import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { SNIFF_BYTES, sniffType, type AttachmentType } from './sniff';

export type RejectionCode = 'ATTACHMENT_TOO_LARGE' | 'ATTACHMENT_TYPE_MISMATCH' | 'ATTACHMENT_SIZE_MISMATCH';

/** Why an upload is refused while it streams; the partial object is removed by the caller. */
export class AttachmentRejected extends Error {
  constructor(
    readonly code: RejectionCode | 'ATTACHMENT_REJECTED_BY_SCAN',
    message: string,
  ) {
    super(message);
  }
}

/**
 * A pass-through that every uploaded byte crosses on its way to storage: it hashes (SHA-256), counts,
 * stops the stream the moment the count passes the declared size (so nothing is buffered and an
 * over-long body never reaches storage in full), and sniffs the first bytes against the declared type.
 */
export class UploadMeter extends Transform {
  private readonly hash = createHash('sha256');
  private head: Buffer[] = [];
  private headBytes = 0;
  private sniffed = false;
  bytes = 0;

  constructor(private readonly declared: { sizeBytes: number; contentType: string }) {
    super();
  }

  private check(): void {
    this.sniffed = true;
    const found = sniffType(Buffer.concat(this.head));
    this.head = [];
    if (found !== (this.declared.contentType as AttachmentType))
      throw new AttachmentRejected(
        'ATTACHMENT_TYPE_MISMATCH',
        `The file is ${found ?? 'of no accepted type'}, not ${this.declared.contentType} as declared`,
      );
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.bytes += chunk.length;
      if (this.bytes > this.declared.sizeBytes)
        throw new AttachmentRejected(
          'ATTACHMENT_TOO_LARGE',
          `The file is larger than the ${this.declared.sizeBytes} bytes declared`,
        );
      if (!this.sniffed) {
        this.head.push(chunk);
        this.headBytes += chunk.length;
        if (this.headBytes >= SNIFF_BYTES) this.check();
      }
      this.hash.update(chunk);
      done(null, chunk);
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.sniffed) this.check();
      if (this.bytes !== this.declared.sizeBytes)
        throw new AttachmentRejected(
          'ATTACHMENT_SIZE_MISMATCH',
          `The file has ${this.bytes} bytes, not the ${this.declared.sizeBytes} declared`,
        );
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  /** The SHA-256 of what passed, hex; only once the stream has ended. */
  sha256(): string {
    return this.hash.digest('hex');
  }
}
