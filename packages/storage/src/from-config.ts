import type { AttachmentStorageConfig } from './config';
import { allowAllScanner, commandScanner, type VirusScanner } from './scan';
import { FilesystemStorage, S3Storage, type ObjectStorage } from './storage';

export function storageFromConfig(config: AttachmentStorageConfig): ObjectStorage {
  if (config.ATTACHMENT_STORAGE === 's3')
    return new S3Storage({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  return new FilesystemStorage(config.ATTACHMENT_DIR);
}

export function scannerFromConfig(config: AttachmentStorageConfig): VirusScanner {
  return config.ATTACHMENT_SCAN_COMMAND ? commandScanner(config.ATTACHMENT_SCAN_COMMAND) : allowAllScanner;
}
