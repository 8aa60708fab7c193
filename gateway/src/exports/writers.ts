import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { ExportColumn, ExportFormat } from './lists';
import { pdfWriter, type PdfFont } from './pdf';

export type Cell = string | number | null;

/** Writes a list row by row to a stream: what was written is never held again (flat memory). */
export interface SheetWriter {
  row(values: Cell[]): Promise<void>;
  end(): Promise<void>;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

const AMOUNT = /^-?\d+\.\d{2}$/;

/**
 * A text a spreadsheet would run as a formula (=, +, -, @, tab, CR at its start) is written with a
 * leading apostrophe, so a name typed as "=HYPERLINK(…)" stays text; amounts stay numbers.
 */
export function neutralizeFormula(value: Cell): Cell {
  if (typeof value !== 'string' || AMOUNT.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** CSV for Excel and WPS: UTF-8 with a byte-order mark (so Chinese opens correctly), CRLF lines. */
function csvWriter(out: Writable, columns: ExportColumn[]): SheetWriter {
  const line = (values: Cell[]) => stringify([values.map(neutralizeFormula)], { record_delimiter: 'windows' });
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    await write(out, '\uFEFF' + line(columns.map((c) => c.header)));
  };
  return {
    async row(values) {
      await start();
      await write(out, line(values));
    },
    async end() {
      await start();
      out.end();
      await once(out, 'finish');
    },
  };
}

/** XLSX through exceljs's streaming writer: each row is committed (written out) as it comes. */
function xlsxWriter(out: Writable, title: string, columns: ExportColumn[]): SheetWriter {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  sheet.getRow(1).font = { bold: true };
  return {
    async row(values) {
      const row = sheet.addRow(
        values.map((v) => {
          const safe = neutralizeFormula(v);
          return typeof safe === 'string' && AMOUNT.test(safe) ? Number(safe) : safe;
        }),
      );
      values.forEach((v, i) => {
        if (typeof v === 'string' && AMOUNT.test(v)) row.getCell(i + 1).numFmt = '#,##0.00';
      });
      row.commit();
      if (out.writableNeedDrain) await once(out, 'drain');
    },
    async end() {
      sheet.commit();
      await book.commit();
    },
  };
}

export function openWriter(
  format: ExportFormat,
  out: Writable,
  title: string,
  columns: ExportColumn[],
  font: PdfFont | null = null,
): SheetWriter {
  switch (format) {
    case 'csv':
      return csvWriter(out, columns);
    case 'xlsx':
      return xlsxWriter(out, title, columns);
    case 'pdf':
      if (!font) throw new Error('no font for PDF');
      return pdfWriter(out, title, columns, font);
  }
}
