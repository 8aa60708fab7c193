import { z } from 'zod';
import { errors } from '@zhiyuan/server';

/**
 * Shapes of the keys metrics looks up. PostgreSQL rejects a malformed uuid or timestamp with an
 * error that fails the whole statement (and every reference batched into it), so keys are checked
 * before they reach SQL.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIVISION_CODE = /^\d{6}(\d{3})?(\d{3})?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
export const isDivisionCode = (v: unknown): v is string => typeof v === 'string' && DIVISION_CODE.test(v);

/** An instant exactly as `toISOString` writes it, in a year PostgreSQL can store. */
const isInstant = (v: unknown): v is string => {
  if (typeof v !== 'string' || !INSTANT.test(v)) return false;
  const d = new Date(v);
  return !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.toISOString() === v;
};

/** The (instant, id) of a keyset cursor decoded by `pageArgs`, or VALIDATION_FAILED on `after`. */
export function instantIdCursor(after: unknown[] | null): [string, string] | null {
  if (!after) return null;
  const [at, id] = after;
  if (after.length !== 2 || !isInstant(at) || !isUuid(id)) throw errors.validation('after', 'The cursor is not valid; use a cursor from a previous page');
  return [at, id];
}

/** PostgreSQL has no year 0, which the ISO formats allow: such a value would fail the statement. */
const fromYearOne = (v: string) => !v.startsWith('0000');
export const isoDay = z.iso.date().refine(fromYearOne, 'must be a day from year 1');
export const isoInstant = z.iso.datetime({ offset: true }).refine(fromYearOne, 'must be an instant from year 1');
