import type { Request, Response } from 'express';
import { isAnonymous, type Identity } from '@zhiyuan/auth';
import type { Logger } from '@zhiyuan/config';
import { identities } from '../http-guards';
import { EXPORT_FORMATS, EXPORT_LISTS, type ExportFormat, type ExportList } from './lists';
import { CONTENT_TYPES, openWriter } from './writers';
import type { PdfFont } from './pdf';

/** Runs one operation through the supergraph under an identity (the gateway's own executor). */
export type ExecuteAs = (
  query: string,
  variables: Record<string, unknown>,
  identity: Identity,
) => Promise<{
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}>;

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  BAD_USER_INPUT: 400,
};

function refuse(res: Response, status: number, code: string, message: string, field?: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] });
}

/** The file's name in the download: ASCII for old clients, the Chinese title for the others (RFC 6266). */
function disposition(list: ExportList, title: string, format: ExportFormat): string {
  const day = new Date().toISOString().slice(0, 10);
  const ascii = `${list.name}-${day}.${format}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`${title}-${day}.${format}`)}`;
}

/**
 * `GET /exports/<list>.<csv|xlsx|pdf>?…`: a list a village or township works from, as a file. Every
 * page is read through the supergraph under the caller's own identity, so the access rules and the
 * masking are those of the query the list mirrors; the identity carries the list's name, so the
 * service owning the list records one EXPORT audit entry. Rows are written as each page arrives
 * (a county's 10,000 rows in flat memory); a failure after the first page ends the download early.
 */
export function exportHandler(execute: ExecuteAs, opts: { pageSize: number; log: Logger; pdfFont?: PdfFont | null }) {
  const { pageSize, log } = opts;
  const pdfFont = opts.pdfFont ?? null;
  return async (req: Request, res: Response): Promise<void> => {
    const m = /^([a-z-]+)\.([a-z]+)$/.exec(String(req.params.file ?? ''));
    const list = m ? EXPORT_LISTS.get(m[1]!) : undefined;
    if (!m || !list)
      return refuse(res, 404, 'NOT_FOUND', `No such list; the lists are ${[...EXPORT_LISTS.keys()].join(', ')}`);
    const format = m[2] as ExportFormat;
    if (!(EXPORT_FORMATS as readonly string[]).includes(format) || !list.formats.includes(format))
      return refuse(res, 400, 'VALIDATION_FAILED', `${list.name} is offered as ${list.formats.join(', ')}`, 'format');
    if (format === 'pdf' && !pdfFont)
      return refuse(
        res,
        503,
        'PDF_FONT_MISSING',
        'PDF lists need a Chinese font on the server (PDF_FONT_PATH, or the fonts-noto-cjk or fonts-wqy-microhei package)',
      );
    const parsed = list.params.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : 'query');
      return refuse(res, 400, 'VALIDATION_FAILED', `${field}: ${issue.message}`, field);
    }
    const params = parsed.data;
    const caller = identities.get(req)!;
    if (!list.public && isAnonymous(caller))
      return refuse(res, 401, 'UNAUTHENTICATED', `Sign in to download ${list.name}`);
    const identity: Identity = { ...caller, export: list.name };

    const variables = list.variables(params, pageSize);
    const read = async (after: string | null) => {
      const r = await execute(list.query, { ...variables, after }, identity);
      if (r.errors?.length) {
        const code = String(r.errors[0]!.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
        throw Object.assign(new Error(r.errors[0]!.message), { code });
      }
      return r.data!;
    };

    let first: Record<string, unknown>;
    try {
      first = await read(null);
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'INTERNAL_SERVER_ERROR';
      const status = STATUS[code] ?? 502;
      if (status === 502) log.warn({ err: String(err), list: list.name }, 'export failed');
      return refuse(res, status, code, status === 502 ? 'The list could not be read' : (err as Error).message);
    }
    const firstPage = list.page(first);
    if (firstPage.rows === undefined || Object.values(first).every((v) => v === null))
      return refuse(res, 404, 'NOT_FOUND', 'Nothing of that id is visible to you');

    const title = list.title(params as Record<string, string>, first);
    res.status(200);
    res.setHeader('content-type', CONTENT_TYPES[format]);
    res.setHeader('content-disposition', disposition(list, title, format));
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');

    async function* rows() {
      let page = firstPage;
      for (;;) {
        for (const r of page.rows) yield list!.columns.map((c) => c.value(r));
        if (!page.endCursor) return;
        page = list!.page(await read(page.endCursor));
      }
    }
    try {
      const writer = openWriter(format, res, title, list.columns, pdfFont);
      for await (const values of rows()) await writer.row(values);
      await writer.end();
    } catch (err) {
      // The status line and part of the file are out: all that is left is to cut the download short.
      log.warn({ err: String(err), list: list.name }, 'export cut short');
      res.destroy(err as Error);
    }
  };
}
