import pino, { type Logger } from 'pino';

export type { Logger };

/** One pino logger per process part; child loggers carry the service name in every line. */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    // Personal data must never reach the logs by accident.
    redact: { paths: ['*.idNumber', '*.phone', '*.address', 'payload.phone', 'payload.idNumber'], censor: '[masked]' },
  });
}
