import type { ValueTransformer } from 'typeorm';

/** Integer fen: bigint in the database, a number here (exact below 2^53 fen). */
export const fen: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? v : Number(v)),
};
