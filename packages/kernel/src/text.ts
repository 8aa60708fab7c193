/**
 * Text arguments: PostgreSQL refuses a NUL character in text outright, and other control characters
 * have no place in a name, an address or a reason. Tab, line feed and carriage return are allowed
 * (terms of a settlement, a reason, span lines).
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlCharacters(s: string): boolean {
  return CONTROL.test(s);
}

/** A user's text as a literal inside a LIKE/ILIKE pattern: `%`, `_` and the escape itself match only themselves. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
