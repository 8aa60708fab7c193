import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { readCsvRecords, splitCsvRecord, type CsvRecord } from '../src/import/csv';

async function read(text: string, chunkSize = 7): Promise<CsvRecord[]> {
  // Small chunks: records, quotes, CRLF pairs and multi-byte characters cross chunk borders.
  const buf = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunkSize) chunks.push(buf.subarray(i, i + chunkSize));
  const out: CsvRecord[] = [];
  for await (const r of readCsvRecords(Readable.from(chunks))) out.push(r);
  return out;
}

describe('CSV records of the judgment import', () => {
  it('splits plain and quoted fields', () => {
    expect(splitCsvRecord('a,b,,c')).toEqual(['a', 'b', '', 'c']);
    expect(splitCsvRecord('"a,b",c,"say ""hi""",')).toEqual(['a,b', 'c', 'say "hi"', '']);
    expect(splitCsvRecord('"open,b')).toBeNull();
  });

  it('keys cells by the header, counts the header as row 1, skips empty lines, drops a BOM and CR', async () => {
    const recs = await read(
      '\uFEFFcaseNumber,court\r\n(2024)浙0522民初1号,长兴县人民法院\r\n\r\n"(2024)浙0522民初2号","长兴, 第二法庭"\r\nlast\n',
    );
    expect(recs).toEqual([
      { row: 2, cells: { caseNumber: '(2024)浙0522民初1号', court: '长兴县人民法院' } },
      { row: 3, cells: { caseNumber: '(2024)浙0522民初2号', court: '长兴, 第二法庭' } },
      { row: 4, cells: { caseNumber: 'last' } },
    ]);
  });

  it('reads a quoted field across lines and reports one that never closes', async () => {
    const recs = await read('a,b\n"x\ny",z\n"never,closed\nmore');
    expect(recs).toEqual([
      { row: 2, cells: { a: 'x\ny', b: 'z' } },
      { row: 3, error: 'a quoted field is not closed' },
    ]);
  });

  it('reads what a standard CSV parser reads', async () => {
    const text = [
      'caseNumber,court,causeCode,obligorIds',
      '(2021)浙0522民初9号,"长兴县人民法院, 第一庭",SALE_CONTRACT,a;b',
      '"(2021)浙0522民初10号","he said ""no""",DIVORCE,',
      '',
      '(2021)浙0522民初11号,"two',
      'lines",PRIVATE_LENDING,c',
      'short,row',
    ].join('\n');
    const expected = parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<
      string,
      string
    >[];
    const ours = (await read(text, 5)).map((r) => ('cells' in r ? r.cells : r));
    expect(ours).toEqual(expected);
  });
});
