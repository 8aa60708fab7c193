import { DomainError, errors } from '@zhiyuan/kernel';
import { declaredUploadProblem } from './sniff';
import {
  downloadTicketSchema,
  receiptSchema,
  signTicket,
  ticketIdentity,
  verifyTicket,
  type Receipt,
  type TicketIdentity,
} from './tickets';

/**
 * The links an owning service hands out and the checks it makes on what the gateway sends back,
 * written once for every service that keeps attachments (tasks, cases). The service decides who may
 * upload or download (its policy); these functions only sign, verify and compare.
 */
export interface LinkSettings {
  secret: string;
  uploadTtlSeconds: number;
  downloadTtlSeconds: number;
}

/** What an upload link names: the row handed out, as the gateway must store it. */
export interface PendingUpload {
  id: string;
  storageKey: string;
  contentType: string;
  sizeBytes: number;
}

/** What an upload declares before any byte is sent, or VALIDATION_FAILED naming the field at fault. */
export function requireDeclaredUpload(
  limits: { maxBytes: number; types: readonly string[] },
  upload: { fileName: string; contentType: string; sizeBytes: number },
): void {
  const problem = declaredUploadProblem(limits, upload);
  if (problem) throw errors.validation(problem.field, problem.message);
}

/** The signed upload link on the gateway for `who`, and when it expires (whole seconds, as signed). */
export function uploadLink(
  s: LinkSettings,
  service: string,
  upload: PendingUpload,
  who: TicketIdentity,
  now: Date,
): { uploadUrl: string; expiresAt: Date } {
  const ticket = signTicket(
    s.secret,
    {
      k: 'upload',
      svc: service,
      id: upload.id,
      key: upload.storageKey,
      contentType: upload.contentType,
      sizeBytes: upload.sizeBytes,
      who: ticketIdentity(who),
    },
    s.uploadTtlSeconds,
    now.getTime(),
  );
  return {
    uploadUrl: `/attachments/upload/${ticket}`,
    expiresAt: new Date(Math.floor(now.getTime() / 1000) * 1000 + s.uploadTtlSeconds * 1000),
  };
}

/** A short-lived download link on the gateway, made for the caller who read the attachment. */
export function downloadLink(s: LinkSettings, service: string, attachmentId: string, who: TicketIdentity): string {
  const ticket = signTicket(
    s.secret,
    { k: 'download', svc: service, id: attachmentId, who: ticketIdentity(who) },
    s.downloadTtlSeconds,
  );
  return `/attachments/${ticket}`;
}

/**
 * The attachment a download link names, when the link is this service's, unexpired, and made for the
 * caller; FORBIDDEN (with `reason` FORGED or EXPIRED where it applies) otherwise.
 */
export function requireDownloadLink(s: LinkSettings, service: string, ticket: string, callerSub: string): string {
  const v = verifyTicket(s.secret, downloadTicketSchema, ticket);
  if (!v.ok)
    throw new DomainError(
      'FORBIDDEN',
      v.problem === 'EXPIRED' ? 'The download link has expired' : 'The download link is not valid',
      { reason: v.problem },
    );
  if (v.claims.svc !== service || v.claims.who.sub !== callerSub)
    throw new DomainError('FORBIDDEN', 'The download link is not valid');
  return v.claims.id;
}

/** The gateway's receipt of a stored file, or FORBIDDEN when it is none (a client cannot make one). */
export function requireReceipt(s: LinkSettings, receipt: string): Receipt {
  const v = verifyTicket(s.secret, receiptSchema, receipt);
  if (!v.ok) throw new DomainError('FORBIDDEN', 'This is no receipt of a stored upload', { reason: v.problem });
  return v.claims;
}

/** The row a receipt is checked against. */
export interface UploadRow {
  requestedBy: string;
  status: 'PENDING' | 'STORED';
  sha256: string | null;
  contentType: string;
  sizeBytes: number;
}

/**
 * What a receipt does to its row: STORE it, or nothing (UNCHANGED: the same receipt again, a retried
 * confirmation). Refused: a receipt for an upload handed to someone else (FORBIDDEN), for a row already
 * stored with another file, or for a file other than the one declared (CONFLICT).
 */
export function receiptOutcome(row: UploadRow, r: Receipt, callerSub: string): 'STORE' | 'UNCHANGED' {
  if (row.requestedBy !== callerSub) throw new DomainError('FORBIDDEN', 'The upload was handed to someone else');
  if (row.status === 'STORED') {
    if (row.sha256 === r.sha256 && row.sizeBytes === r.sizeBytes) return 'UNCHANGED';
    throw errors.conflict('The attachment is already stored');
  }
  if (r.contentType !== row.contentType || r.sizeBytes !== row.sizeBytes)
    throw errors.conflict('The stored file is not the one the upload declared');
  return 'STORE';
}
