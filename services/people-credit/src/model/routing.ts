/** Division codes nest by prefix: county 6 digits, township 9, village 12. */
export function villageOf(code: string | null | undefined): string | null {
  return code && code.length === 12 ? code : null;
}

export function townshipOf(code: string | null | undefined): string | null {
  return code && code.length >= 9 ? code.slice(0, 9) : null;
}

export function levelOf(code: string): 'COUNTY' | 'TOWNSHIP' | 'VILLAGE' {
  return code.length === 12 ? 'VILLAGE' : code.length === 9 ? 'TOWNSHIP' : 'COUNTY';
}
