/** One JetStream stream per producing context, plus the dead-letter stream. */
export const STREAMS = [
  { name: 'CASES', subjects: ['cases.>'] },
  { name: 'PEOPLE_CREDIT', subjects: ['people.>', 'credit.>'] },
  { name: 'TASKS', subjects: ['tasks.>'] },
  { name: 'METRICS', subjects: ['metrics.>'] },
  { name: 'AUDIT', subjects: ['audit.>'] },
  { name: 'DEADLETTER', subjects: ['deadletter.>'] },
] as const;

export function streamFor(subject: string): string {
  const found = STREAMS.find((s) => s.subjects.some((p) => subjectMatches(p, subject)));
  if (!found) throw new Error(`no stream holds subject ${subject}`);
  return found.name;
}

/** NATS subject matching: `*` one token, `>` one or more trailing tokens. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}

export function deadLetterSubject(consumer: string, subject: string): string {
  return `deadletter.${consumer}.${subject}`;
}

/** A durable consumer is named per (service, subject), or per (service, handler) when a handler is named. */
export function durableName(service: string, subject: string, handler?: string): string {
  const part = handler ?? subject.replace(/\*/g, 'any').replace(/>/g, 'all').replace(/\./g, '_');
  return `${service}__${part}`.replace(/[^A-Za-z0-9_-]/g, '_');
}
