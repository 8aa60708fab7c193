import { LiveArgumentError } from './registry';

/**
 * Where a subscriber is in the event streams: the last JetStream sequence it has been given, per stream
 * (`CASES:812,TASKS:97`). Each message carries the cursor after it; a client that comes back with it
 * (`since`, or SSE `Last-Event-ID`) gets every later event of those streams, in order, once.
 */
export type Cursor = Record<string, number>;

const PART = /^([A-Z][A-Z0-9_]*):(\d{1,15})$/;

export function formatCursor(cursor: Cursor): string {
  return Object.keys(cursor)
    .sort()
    .map((s) => `${s}:${cursor[s]}`)
    .join(',');
}

/** Reads a cursor a client sent back; throws a LiveArgumentError naming `field` when it is not one. */
export function parseCursor(text: string, field = 'since'): Cursor {
  const cursor: Cursor = {};
  if (text.length > 500) throw new LiveArgumentError(field, `${field} is not a cursor this gateway gave`);
  for (const part of text.split(',')) {
    const m = PART.exec(part.trim());
    if (!m) throw new LiveArgumentError(field, `${field} is not a cursor this gateway gave`);
    cursor[m[1]!] = Number(m[2]);
  }
  return cursor;
}
