import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { Identity, Role } from '@zhiyuan/auth';
import type { Logger } from '@zhiyuan/config';
import { localizedErrorMessage, parseAcceptLanguage } from '@zhiyuan/kernel';
import {
  AttachmentRejected,
  NotStoredError,
  UploadMeter,
  downloadTicketSchema,
  signTicket,
  uploadTicketSchema,
  verifyTicket,
  type ObjectStorage,
  type TicketIdentity,
  type TicketProblem,
  type VirusScanner,
} from '@zhiyuan/storage';
import type { ExecuteAs } from '../exports/route';

/**
 * The subgraphs that own attachments, and the fields the gateway calls on them: one to report an
 * upload stored, one to open a download (which records it in the audit log). A ticket names its
 * subgraph (`svc`); a name not in this table is no ticket of ours.
 */
const OWNERS: Record<string, { confirm: string; open: string }> = {
  tasks: {
    confirm: `mutation($r: String!) { attachment: confirmAttachmentUpload(receipt: $r) { id sha256 sizeBytes } }`,
    open: `query($t: String!) { file: openAttachmentDownload(ticket: $t) { id fileName contentType sizeBytes sha256 storageKey } }`,
  },
  cases: {
    confirm: `mutation($r: String!) { attachment: confirmSettlementAttachmentUpload(receipt: $r) { id sha256 sizeBytes } }`,
    open: `query($t: String!) { file: openSettlementAttachmentDownload(ticket: $t) { id fileName contentType sizeBytes sha256 storageKey } }`,
  },
};

/** Seconds a receipt is good for: it only has to outlast the trip to the subgraph. */
const RECEIPT_TTL_SECONDS = 60;

const STATUS: Record<string, number> = {
  ATTACHMENT_LINK_INVALID: 403,
  ATTACHMENT_LINK_EXPIRED: 403,
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_TYPE_MISMATCH: 415,
  ATTACHMENT_SIZE_MISMATCH: 400,
  ATTACHMENT_REJECTED_BY_SCAN: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION_FAILED: 400,
};

/** A refusal as the graph words one: the code, and its text in the caller's language (`Accept-Language`). */
function refuse(res: Response, code: string, message: string): void {
  if (res.headersSent) return void res.destroy();
  const locale = parseAcceptLanguage(res.req?.headers['accept-language']);
  const localizedMessage = localizedErrorMessage(code, {}, locale);
  res.status(STATUS[code] ?? 502).json({ errors: [{ message, extensions: { code, localizedMessage } }] });
}

function linkProblem(res: Response, problem: TicketProblem): void {
  if (problem === 'EXPIRED') return refuse(res, 'ATTACHMENT_LINK_EXPIRED', 'The link has expired; ask for a new one');
  refuse(res, 'ATTACHMENT_LINK_INVALID', 'The link is not valid');
}

/** The identity the ticket was made for, seen from this request's address (for the audit log). */
function identityOf(who: TicketIdentity, req: Request): Identity {
  return { ...who, roles: who.roles as Role[], ip: req.ip ?? null };
}

/** The first error of an answer, as a code and a message (an answer without data is an error too). */
function failure(r: Awaited<ReturnType<ExecuteAs>>): { code: string; message: string } | null {
  const e = r.errors?.[0];
  if (e) return { code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), message: e.message };
  return r.data ? null : { code: 'INTERNAL_SERVER_ERROR', message: 'no answer' };
}

export interface AttachmentRoutes {
  upload(req: Request, res: Response): Promise<void>;
  download(req: Request, res: Response): Promise<void>;
}

/**
 * `PUT /attachments/upload/<ticket>` and `GET /attachments/<ticket>` (docs/attachments.md). The
 * owning subgraph decided who may upload or download when it signed the ticket; here the bytes are
 * streamed between the client and the storage, never held whole: an upload is hashed, counted
 * against its declared size and sniffed against its declared type as it passes, scanned once stored,
 * and reported to the subgraph with a signed receipt; a download is first recorded by the subgraph.
 */
export function attachmentRoutes(
  execute: ExecuteAs,
  opts: { secret: string; storage: ObjectStorage; scanner: VirusScanner; log: Logger },
): AttachmentRoutes {
  const { secret, storage, scanner, log } = opts;

  async function upload(req: Request, res: Response): Promise<void> {
    const v = verifyTicket(secret, uploadTicketSchema, String(req.params.ticket ?? ''));
    if (!v.ok) return linkProblem(res, v.problem);
    const t = v.claims;
    const owner = OWNERS[t.svc];
    if (!owner) return linkProblem(res, 'FORGED');
    // Refused on the header alone, before a byte is read (and the connection closed: the rest is not wanted).
    const length = req.headers['content-length'];
    if (length !== undefined && Number(length) > t.sizeBytes) {
      res.setHeader('connection', 'close');
      return refuse(res, 'ATTACHMENT_TOO_LARGE', `The file may have at most ${t.sizeBytes} bytes, as declared`);
    }
    const meter = new UploadMeter({ sizeBytes: t.sizeBytes, contentType: t.contentType });
    // The storage adapter may wrap the meter's refusal in an error of its own; keep the refusal.
    let refusal: AttachmentRejected | undefined;
    meter.on('error', (e) => {
      if (e instanceof AttachmentRejected) refusal = e;
    });
    const stored = storage.put(t.key, meter, { sizeBytes: t.sizeBytes, contentType: t.contentType });
    // Not `pipeline`: it would destroy the request on a refusal, and the client would get no answer.
    req.on('close', () => {
      if (!req.complete) meter.destroy(new Error('the upload was aborted'));
    });
    req.pipe(meter);
    try {
      await stored;
    } catch (err) {
      await storage.delete(t.key).catch(() => undefined);
      const rejected = err instanceof AttachmentRejected ? err : refusal;
      if (rejected) {
        res.setHeader('connection', 'close');
        return refuse(res, rejected.code, rejected.message);
      }
      log.warn({ err: String(err), attachment: t.id }, 'attachment upload failed');
      return refuse(res, 'INTERNAL_SERVER_ERROR', 'The file could not be stored');
    }
    const sha256 = meter.sha256();
    const verdict = await scanner
      .scan({ open: () => storage.get(t.key), sha256, sizeBytes: meter.bytes, contentType: t.contentType })
      .catch((err: unknown) => ({ clean: false as const, reason: `scanner failed: ${String(err)}` }));
    if (!verdict.clean) {
      await storage.delete(t.key).catch(() => undefined);
      log.warn({ attachment: t.id, sha256, reason: verdict.reason }, 'attachment refused by the scan');
      return refuse(res, 'ATTACHMENT_REJECTED_BY_SCAN', 'The file was refused by the virus scan');
    }
    const receipt = signTicket(
      secret,
      { k: 'receipt', id: t.id, sha256, sizeBytes: meter.bytes, contentType: t.contentType },
      RECEIPT_TTL_SECONDS,
    );
    const r: Awaited<ReturnType<ExecuteAs>> = await execute(
      owner.confirm,
      { r: receipt },
      identityOf(t.who, req),
    ).catch((err: unknown) => ({ errors: [{ message: String(err), extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    const f = failure(r);
    if (f) {
      // A file no row points to is removed; the upload can be asked for again.
      await storage.delete(t.key).catch(() => undefined);
      return refuse(res, f.code, f.message);
    }
    res.status(201).json((r.data as { attachment: unknown }).attachment);
  }

  async function download(req: Request, res: Response): Promise<void> {
    const ticket = String(req.params.ticket ?? '');
    const v = verifyTicket(secret, downloadTicketSchema, ticket);
    if (!v.ok) return linkProblem(res, v.problem);
    const owner = OWNERS[v.claims.svc];
    if (!owner) return linkProblem(res, 'FORGED');
    const r = await execute(owner.open, { t: ticket }, identityOf(v.claims.who, req));
    const f = failure(r);
    if (f) return refuse(res, f.code, f.message);
    const file = (
      r.data as {
        file: { fileName: string; contentType: string; sizeBytes: number; sha256: string; storageKey: string };
      }
    ).file;
    let body;
    try {
      body = await storage.get(file.storageKey);
    } catch (err) {
      if (err instanceof NotStoredError) return refuse(res, 'NOT_FOUND', 'The file is no longer stored');
      throw err;
    }
    res.status(200);
    res.setHeader('content-type', file.contentType);
    res.setHeader('content-length', String(file.sizeBytes));
    res.setHeader(
      'content-disposition',
      `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    );
    res.setHeader('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    res.setHeader('cache-control', 'private, no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    try {
      await pipeline(body, res);
    } catch (err) {
      log.warn({ err: String(err), attachment: file.storageKey }, 'attachment download cut short');
      res.destroy();
    }
  }

  return { upload, download };
}
