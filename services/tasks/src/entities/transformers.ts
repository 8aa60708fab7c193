import type { ValueTransformer } from 'typeorm';

/** bigint fen columns come back from pg as strings; amounts stay far below 2^53. */
export const fenTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};
