import type { Readable } from 'node:stream';

/** A record longer than this is refused (an unclosed quote would otherwise swallow the rest of the file). */
const MAX_RECORD_CHARS = 1 << 20;

export type CsvRecord = { row: number; cells: Record<string, string> } | { row: number; error: string };

/**
 * Splits one record (RFC 4180: fields separated by commas, optionally quoted with `"`, a quote inside
 * a quoted field doubled; a quoted field may hold commas and line breaks). Returns null while a quoted
 * field is still open, so the caller can append the next line.
 */
export function splitCsvRecord(text: string): string[] | null {
  // Most rows quote nothing: one native split.
  if (text.indexOf('"') < 0) return text.split(',');
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return null;
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the next comma is kept as written.
      const c = text.indexOf(',', i);
      if (c < 0) {
        out.push(value + text.slice(i));
        return out;
      }
      out.push(value + text.slice(i, c));
      i = c + 1;
    } else {
      const c = text.indexOf(',', i);
      if (c < 0) {
        out.push(text.slice(i));
        return out;
      }
      out.push(text.slice(i, c));
      i = c + 1;
    }
  }
}

/**
 * Reads a CSV stream record by record, keyed by the header's column names (the header is row 1; empty
 * lines are skipped and not counted; a byte-order mark is dropped; CRLF or LF line ends; missing cells
 * are absent and extra cells ignored). Only one chunk and one record are held at a time, so memory does
 * not grow with the file. A record whose quote never closes is reported as an error row.
 */
export async function* readCsvRecords(input: Readable): AsyncGenerator<CsvRecord> {
  input.setEncoding('utf8');
  let header: string[] | null = null;
  let row = 0;
  let carry = '';
  let pending: string | null = null;
  let first = true;

  function* take(line: string): Generator<CsvRecord> {
    if (line.charCodeAt(line.length - 1) === 13 /* \r */) line = line.slice(0, -1);
    let text = line;
    if (pending !== null) {
      text = `${pending}\n${line}`;
      pending = null;
    } else if (line === '') {
      return;
    }
    const cells = splitCsvRecord(text);
    if (cells === null) {
      if (text.length > MAX_RECORD_CHARS) {
        row++;
        yield { row, error: 'a quoted field is not closed' };
        return;
      }
      pending = text;
      return;
    }
    row++;
    if (header === null) {
      header = cells.map((c) => c.trim());
      return;
    }
    const rec: Record<string, string> = {};
    const n = Math.min(header.length, cells.length);
    for (let k = 0; k < n; k++) rec[header[k]!] = cells[k]!;
    yield { row, cells: rec };
  }

  for await (const chunk of input as AsyncIterable<string>) {
    let text = carry + chunk;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      yield* take(text.slice(start, nl));
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry !== '') yield* take(carry);
  if (pending !== null) {
    row++;
    yield { row, error: 'a quoted field is not closed' };
  }
}
