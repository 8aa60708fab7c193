import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const CSV_HEADER =
  'caseNumber,court,causeCode,judgeId,effectiveDate,performanceDeadline,obligorIds,obligeeIds,principalFen,interestFen,costsFen';

/** Writes a CSV of `rows` valid judgments (case numbers `(year)浙0522民初<i>号`), streaming, and returns its path. */
export async function writeJudgmentCsv(
  path: string,
  rows: number,
  opts: { year?: number; obligors?: string[] } = {},
): Promise<string> {
  const out = createWriteStream(path, 'utf8');
  const year = opts.year ?? 2023;
  const judges = [randomUUID(), randomUUID(), randomUUID()];
  const causes = ['PRIVATE_LENDING', 'SALE_CONTRACT', 'LABOUR_REMUNERATION', 'TRAFFIC_ACCIDENT', 'DIVORCE'];
  out.write(`${CSV_HEADER}\n`);
  for (let i = 1; i <= rows; i++) {
    const obligor = opts.obligors?.[i % opts.obligors.length] ?? randomUUID();
    const line = `(${year})浙0522民初${i}号,长兴县人民法院,${causes[i % causes.length]},${judges[i % 3]},2023-0${(i % 9) + 1}-15,,${obligor},${randomUUID()};${randomUUID()},${100_000 + i},${i % 100},500\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}
