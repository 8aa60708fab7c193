/** `330522199001011234` → `3305221990****1234`: birth month and day hidden, as the national feeds do. */
export function maskIdNumber(id: string): string {
  if (id.length === 18) return `${id.slice(0, 10)}****${id.slice(14)}`;
  if (id.length > 8) return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
  return '*'.repeat(id.length);
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** Masks of the personal data an audit entry may name: as a display outside the party's scope shows it. */
const AUDIT_MASKS: Readonly<Record<string, ((v: string) => string) | undefined>> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  // An address says where someone lives: the log keeps that it changed, and the first characters only.
  address: (v) => (v.length > 6 ? `${v.slice(0, 6)}****` : '****'),
};

/** A value as the audit log may keep it: ID numbers, phones and addresses masked. */
export function maskForAudit(field: string, value: unknown): unknown {
  const mask = AUDIT_MASKS[field];
  return mask && typeof value === 'string' ? mask(value) : (value ?? null);
}

const sameValue = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? String(a instanceof Date ? a.toISOString() : a) === String(b instanceof Date ? b.toISOString() : b)
    : JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields among `fields` whose value differs between `before` and `after`, each with both values
 * masked for the audit log (maskForAudit), in the order of `fields`.
 */
export function auditChanges(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): { field: string; before: unknown; after: unknown }[] {
  return fields
    .filter((f) => !sameValue(before[f], after[f]))
    .map((f) => ({
      field: f,
      before: maskForAudit(f, before[f] instanceof Date ? (before[f] as Date).toISOString() : before[f]),
      after: maskForAudit(f, after[f] instanceof Date ? (after[f] as Date).toISOString() : after[f]),
    }));
}
