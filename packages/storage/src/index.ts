export {
  ATTACHMENT_TYPES,
  ATTACHMENT_TYPE_NAMES,
  SNIFF_BYTES,
  sniffType,
  declaredUploadProblem,
  type AttachmentType,
} from './sniff';
export {
  signTicket,
  verifyTicket,
  ticketIdentity,
  uploadTicketSchema,
  downloadTicketSchema,
  receiptSchema,
  type UploadTicket,
  type DownloadTicket,
  type Receipt,
  type TicketIdentity,
  type TicketProblem,
} from './tickets';
export {
  FilesystemStorage,
  S3Storage,
  NotStoredError,
  newStorageKey,
  requireStorageKey,
  type ObjectStorage,
  type S3Settings,
} from './storage';
export { UploadMeter, AttachmentRejected, type RejectionCode } from './meter';
export { allowAllScanner, commandScanner, type VirusScanner, type ScanVerdict } from './scan';
export {
  attachmentLimitsShape,
  attachmentStorageShape,
  attachmentSweepShape,
  type AttachmentLimitsConfig,
  type AttachmentSweepConfig,
  type AttachmentStorageConfig,
} from './config';
export { storageFromConfig, scannerFromConfig } from './from-config';
export {
  requireDeclaredUpload,
  uploadLink,
  downloadLink,
  requireDownloadLink,
  requireReceipt,
  receiptOutcome,
  type LinkSettings,
  type PendingUpload,
  type UploadRow,
} from './links';
export { sweepAbandonedUploads, type SweepRunner } from './abandoned-uploads';
