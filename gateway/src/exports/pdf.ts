import { once } from 'node:events';
import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { ExportColumn } from './lists';
import type { Cell, SheetWriter } from './writers';

/** A Chinese font to embed: a file, and for a collection (.ttc) the PostScript name of the face in it. */
export interface PdfFont {
  path: string;
  name?: string;
}

/**
 * Where Debian's Chinese font packages put their fonts, in order of preference: fonts-noto-cjk,
 * fonts-wqy-microhei (what the image and the CI machine install), fonts-wqy-zenhei.
 */
export const SYSTEM_CJK_FONTS: readonly PdfFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', name: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', name: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', name: 'WenQuanYiZenHei' },
];

/** PDF_FONT_PATH (and PDF_FONT_NAME) when set, else the first system font present; null when none is. */
export function findPdfFont(
  config: { PDF_FONT_PATH?: string; PDF_FONT_NAME?: string },
  exists: (path: string) => boolean = existsSync,
): PdfFont | null {
  if (config.PDF_FONT_PATH)
    return exists(config.PDF_FONT_PATH) ? { path: config.PDF_FONT_PATH, name: config.PDF_FONT_NAME } : null;
  return SYSTEM_CJK_FONTS.find((f) => exists(f.path)) ?? null;
}

/** A4 landscape, in points; rows of a fixed height so a page holds a known number of them. */
export const PDF_LAYOUT = {
  width: 841.89,
  height: 595.28,
  margin: 36,
  titleHeight: 30,
  rowHeight: 22,
  footerHeight: 20,
  fontSize: 9,
};

/** Rows of the list on one page (the header row is repeated on each). */
export function pdfRowsPerPage(): number {
  const L = PDF_LAYOUT;
  return Math.floor((L.height - 2 * L.margin - L.titleHeight - L.footerHeight) / L.rowHeight) - 1;
}

/**
 * A printable list for the village notice wall: the title, the table with its header repeated on
 * every page, a page number at the foot. Each page is written out when the next begins (pdfkit's
 * unbuffered pages), so a long list stays one page in memory; the font is embedded as a subset of
 * the characters used, with its Unicode map, so the text can be searched and copied.
 */
export function pdfWriter(out: Writable, title: string, columns: ExportColumn[], font: PdfFont): SheetWriter {
  const L = PDF_LAYOUT;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    // The foot keeps a small margin of its own, so the page number never spills onto a page of its own.
    margins: { top: L.margin, left: L.margin, right: L.margin, bottom: 8 },
    autoFirstPage: false,
    info: { Title: title, Creator: 'Zhiyuan' },
  });
  doc.pipe(out);
  doc.registerFont('cjk', font.path, font.name);
  const inner = L.width - 2 * L.margin;
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * inner);
  const perPage = pdfRowsPerPage();
  let page = 0;
  let onPage = perPage;
  let y = 0;

  const line = (values: Cell[], header: boolean) => {
    let x = L.margin;
    if (header) doc.rect(L.margin, y, inner, L.rowHeight).fillAndStroke('#eeeeee', '#999999').fillColor('#000000');
    values.forEach((v, i) => {
      doc.text(v === null || v === undefined ? '' : String(v), x + 3, y + (L.rowHeight - L.fontSize) / 2 - 1, {
        width: widths[i]! - 6,
        height: L.rowHeight,
        lineBreak: false,
        ellipsis: true,
      });
      x += widths[i]!;
    });
    y += L.rowHeight;
    doc
      .moveTo(L.margin, y)
      .lineTo(L.margin + inner, y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
  };

  const newPage = async () => {
    doc.addPage();
    page += 1;
    doc.font('cjk');
    doc.fontSize(14).text(title, L.margin, L.margin, { width: inner, lineBreak: false, ellipsis: true });
    doc.fontSize(L.fontSize).text(`第 ${page} 页`, L.margin, L.height - L.margin - L.fontSize, {
      width: inner,
      align: 'right',
      lineBreak: false,
    });
    y = L.margin + L.titleHeight;
    line(
      columns.map((c) => c.header),
      true,
    );
    onPage = 0;
    if (out.writableNeedDrain) await once(out, 'drain');
  };

  return {
    async row(values) {
      if (onPage >= perPage) await newPage();
      line(values, false);
      onPage += 1;
    },
    async end() {
      if (page === 0) await newPage();
      const finished = once(out, 'finish');
      doc.end();
      await finished;
    },
  };
}
