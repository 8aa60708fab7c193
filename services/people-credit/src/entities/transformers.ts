import type { ValueTransformer } from 'typeorm';

/** bigint fen columns come back from pg as strings; amounts stay below 2^53 fen. */
export const fenTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** `date` columns as YYYY-MM-DD strings. */
export const dateTransformer: ValueTransformer = {
  to: (v: string | null | undefined) => v,
  from: (v: string | Date | null) =>
    v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10),
};
