import { z } from 'zod';
import { errors } from './errors';

/**
 * Shapes of the keys and cursors the services accept. PostgreSQL rejects a malformed uuid or
 * timestamp with an error that fails the whole statement (and every reference batched into it), so
 * arguments are checked before they reach SQL.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** A zod schema for an id argument. */
export const uuidSchema = z.uuid('must be a UUID');

export function requireUuid(field: string, v: unknown): string {
  if (!isUuid(v)) throw errors.validation(field, `${field} must be a UUID`);
  return v;
}

/** An instant exactly as `Date#toISOString` writes it, in a year PostgreSQL can store. */
export const isCursorInstant = (v: unknown): v is string => {
  if (typeof v !== 'string' || !INSTANT.test(v) || v.startsWith('0000')) return false;
  const d = new Date(v);
  return !Number.isNaN(d.getTime()) && d.toISOString() === v;
};

const badCursor = () => errors.validation('after', 'The cursor is not valid; use a cursor from a previous page');

/** The (instant, id) of a keyset cursor decoded by `pageArgs`, refusing anything a service did not write. */
export function instantIdCursor(after: unknown[] | null): [string, string] | null {
  if (!after) return null;
  const [at, id] = after;
  if (after.length !== 2 || !isCursorInstant(at) || !isUuid(id)) throw badCursor();
  return [at, id];
}

/** PostgreSQL has no year 0, which the ISO formats allow: such a value would fail the statement. */
const fromYearOne = (v: string) => !v.startsWith('0000');
export const isoDaySchema = z.iso.date().refine(fromYearOne, 'must be a day from year 1');
export const isoInstantSchema = z.iso.datetime({ offset: true }).refine(fromYearOne, 'must be an instant from year 1');
