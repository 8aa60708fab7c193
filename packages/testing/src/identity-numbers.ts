const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** An 18-digit resident ID number (GB 11643) with its check digit: region (6), birth YYYYMMDD, sequence (3). */
export function residentIdNumber(birth: string, seq: number, region = '330522'): string {
  const body = `${region}${birth}${String(seq % 1000).padStart(3, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}
