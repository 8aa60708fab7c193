import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/**
 * Where attachment bytes live. Keys are chosen by the product (`<service>/<yyyy>/<mm>/<uuid>`),
 * never by a client, and name one object each; `put` either stores the whole stream or nothing.
 */
export interface ObjectStorage {
  readonly name: string;
  put(key: string, body: Readable, opts: { sizeBytes: number; contentType: string }): Promise<void>;
  /** The object's bytes; NotStoredError when there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the object; removing one that is not there is no error. */
  delete(key: string): Promise<void>;
}

export class NotStoredError extends Error {
  constructor(key: string) {
    super(`no stored object ${key}`);
  }
}

const KEY = /^[a-z0-9-]+(\/[A-Za-z0-9-]+)+$/;

/** Keys are product-made; anything else (a `..`, a leading slash) is a bug and is refused. */
export function requireStorageKey(key: string): string {
  if (!KEY.test(key) || key.length > 200) throw new Error(`not a storage key: ${key}`);
  return key;
}

/** The storage key of a new attachment of `service`. */
export function newStorageKey(service: string, id: string, now = new Date()): string {
  const y = now.getUTCFullYear();
  const m = String(now.getUTCMonth() + 1).padStart(2, '0');
  return requireStorageKey(`${service}/${y}/${m}/${id}`);
}

/** Files under a directory; each object is written to a temporary file and renamed into place when complete. */
export class FilesystemStorage implements ObjectStorage {
  readonly name = 'filesystem';
  private readonly root: string;
  constructor(directory: string) {
    this.root = resolve(directory);
  }

  private path(key: string): string {
    return join(this.root, requireStorageKey(key));
  }

  async put(key: string, body: Readable): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const partial = `${target}.${randomUUID()}.partial`;
    try {
      await pipeline(body, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, target);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.path(key);
    try {
      await stat(path);
    } catch {
      throw new NotStoredError(key);
    }
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}

export interface S3Settings {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style addressing (`endpoint/bucket/key`), which MinIO and most S3-compatible stores expect. */
  forcePathStyle: boolean;
}

/** An S3-compatible bucket (AWS S3, MinIO, OSS and COS in their S3 modes). */
export class S3Storage implements ObjectStorage {
  readonly name = 's3';
  private readonly client: S3Client;
  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      // The gateway hashes every upload itself (SHA-256, recorded on the row); the SDK's own checksum
      // would switch a streamed body to aws-chunked encoding, which not every S3-compatible store reads.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable, opts: { sizeBytes: number; contentType: string }): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: requireStorageKey(key),
        Body: body,
        ContentLength: opts.sizeBytes,
        ContentType: opts.contentType,
      }),
    );
  }

  async get(key: string): Promise<Readable> {
    try {
      const r = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: requireStorageKey(key) }),
      );
      return r.Body as Readable;
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') throw new NotStoredError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: requireStorageKey(key) }));
  }

  close(): void {
    this.client.destroy();
  }
}
