import { errors } from './errors';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(v)) throw new Error('not a list');
    return v;
  } catch {
    throw errors.validation('after', 'The cursor is not valid; use a cursor from a previous page');
  }
}

/** Validates page arguments: `first` between 1 and the maximum, `after` a cursor from an earlier page. */
export function pageArgs(args: PageArgs, max = MAX_PAGE_SIZE): { limit: number; after: unknown[] | null } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > max)
    throw errors.validation('first', `first must be between 1 and ${max}`);
  return { limit: first, after: args.after ? decodeCursor(args.after) : null };
}

/** Builds a connection from limit+1 rows fetched in order; `key` gives the cursor values of a row. */
export function toConnection<T>(
  rows: T[],
  limit: number,
  key: (row: T) => unknown[],
  totalCount?: number,
): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(key(node)), node }));
  return {
    edges,
    nodes: page,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
