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
