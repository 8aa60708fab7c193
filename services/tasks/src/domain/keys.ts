import { errors } from '@zhiyuan/server';

/**
 * Shapes of the keys and cursors this service accepts. PostgreSQL rejects a malformed uuid or
 * timestamp with an error that fails the whole statement (and every reference batched into it), so
 * arguments are checked before they reach SQL.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIVISION_CODE = /^\d{6}(\d{3})?(\d{3})?$/;
const VILLAGE_CODE = /^\d{12}$/;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
export const isDivisionCode = (v: unknown): v is string => typeof v === 'string' && DIVISION_CODE.test(v);

export function requireUuid(field: string, v: string): string {
  if (!isUuid(v)) throw errors.validation(field, `${field} must be an id`);
  return v;
}

export function requireDivisionCode(field: string, v: string): string {
  if (!isDivisionCode(v)) throw errors.validation(field, `${field} must be a 6, 9 or 12 digit division code`);
  return v;
}

export function requireVillageCode(field: string, v: string): string {
  if (typeof v !== 'string' || !VILLAGE_CODE.test(v)) throw errors.validation(field, `${field} must be a 12 digit village code`);
  return v;
}

/** A timestamp as this service writes it into cursors (`Date#toISOString`), nothing looser. */
const isCursorTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v;

/** A decoded `[timestamp, id]` cursor, refusing anything this service did not write. */
export function timeIdCursor(after: unknown[] | null): [string, string] | null {
  if (!after) return null;
  const [at, id] = after;
  if (after.length !== 2 || !isCursorTime(at) || !isUuid(id)) throw errors.validation('after', 'The cursor is not valid; use a cursor from a previous page');
  return [at, id];
}
