import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { inflateSync } from 'node:zlib';
import express from 'express';
import { ANONYMOUS } from '@zhiyuan/auth';
import { silentLogger } from '@zhiyuan/testing';
import { identities } from '../src/http-guards';
import { exportHandler, type ExecuteAs } from '../src/exports/route';
import { SYSTEM_CJK_FONTS, findPdfFont, pdfRowsPerPage, type PdfFont } from '../src/exports/pdf';

async function serve(execute: ExecuteAs, pdfFont: PdfFont | null) {
  const app = express();
  app.get(
    '/exports/:file',
    (req, _res, next) => {
      identities.set(req, ANONYMOUS);
      next();
    },
    exportHandler(execute, { pageSize: 25, log: silentLogger, pdfFont }),
  );
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The public board of 港口村 with `total` entries, page by page. */
function board(total: number): ExecuteAs {
  return async (_q, variables) => {
    const start = variables.after ? Number(variables.after) : 0;
    const end = Math.min(start + (variables.first as number), total);
    const nodes = Array.from({ length: end - start }, (_, i) => ({
      name: `港口村${start + i + 1}号`,
      gender: 'MALE',
      age: 50,
      idNumberMasked: '3305221970****123X',
      outstandingFen: 1_234_500,
      conduct: 'EVADING',
      caseNumber: `(2024)浙0522执${start + i + 1}号`,
      listedDate: '2024-05-01',
    }));
    return {
      data: {
        exposureBoard: {
          divisionName: '港口村',
          nodes,
          pageInfo: { hasNextPage: end < total, endCursor: String(end) },
        },
      },
    };
  };
}

/** The decompressed content of every stream in a PDF, with the file itself. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts = [raw];
  const re = /stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a deflated stream (or the font program itself).
    }
  }
  return parts.join('\n');
}

const font = findPdfFont({});
const withFont = font ? it : it.skip;
if (!font)
  console.warn(
    `No Chinese font on this machine (${SYSTEM_CJK_FONTS.map((f) => f.path).join(', ')}): PDF rendering tests skipped`,
  );

describe('/exports as PDF', () => {
  withFont(
    'renders the board with the font embedded, its text mapped to Unicode, one page per rows-per-page',
    async () => {
      const total = pdfRowsPerPage() * 2 + 3;
      const s = await serve(board(total), font);
      try {
        const res = await fetch(`${s.url}/exports/exposure-board.pdf?divisionCode=330522104201`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/pdf');
        expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('港口村失信被执行人曝光台'));
        const pdf = Buffer.from(await res.arrayBuffer());
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        const text = pdfText(pdf);
        expect(text.match(/\/Type \/Page\b/g)).toHaveLength(3);
        expect(text).toMatch(/\/FontFile2/);
        expect(text).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${font!.name ?? ''}`));
        // The ToUnicode map carries 港 (U+6E2F) and 执 (U+6267): the text layer can be searched and copied.
        expect(text).toMatch(/<6e2f>/i);
        expect(text).toMatch(/<6267>/i);
      } finally {
        await s.close();
      }
    },
  );

  it('answers 503 PDF_FONT_MISSING when the server has no Chinese font, and offers PDF for the board and meeting list only', async () => {
    const s = await serve(board(3), null);
    try {
      const res = await fetch(`${s.url}/exports/exposure-board.pdf?divisionCode=330522104201`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('PDF_FONT_MISSING');
      const csv = await fetch(`${s.url}/exports/exposure-board.csv?divisionCode=330522104201`);
      expect(csv.status).toBe(200);
      const other = await fetch(`${s.url}/exports/open-cases.pdf?divisionCode=330522104201`);
      expect(other.status).toBe(400);
    } finally {
      await s.close();
    }
  });

  it('takes PDF_FONT_PATH when set, else the first Debian font present, else none', () => {
    const only = (paths: string[]) => (p: string) => paths.includes(p);
    expect(
      findPdfFont({ PDF_FONT_PATH: '/fonts/simsun.ttc', PDF_FONT_NAME: 'SimSun' }, only(['/fonts/simsun.ttc'])),
    ).toEqual({
      path: '/fonts/simsun.ttc',
      name: 'SimSun',
    });
    expect(findPdfFont({ PDF_FONT_PATH: '/fonts/missing.ttf' }, only([SYSTEM_CJK_FONTS[1]!.path]))).toBeNull();
    expect(findPdfFont({}, only([SYSTEM_CJK_FONTS[1]!.path, SYSTEM_CJK_FONTS[2]!.path]))).toEqual(SYSTEM_CJK_FONTS[1]);
    expect(findPdfFont({}, only([]))).toBeNull();
  });
});
