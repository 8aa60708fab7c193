/**
 * Shapes of the keys this service looks up. PostgreSQL rejects a malformed uuid with an error that
 * would fail the whole statement (and every reference batched into it), so keys are checked first.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIVISION_CODE = /^\d{6}(\d{3})?(\d{3})?$/;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
export const isDivisionCode = (v: unknown): v is string => typeof v === 'string' && DIVISION_CODE.test(v);
