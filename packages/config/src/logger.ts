import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Pretty one-line output (pino-pretty) for a developer at a terminal; JSON lines for everything else
 * (a container, a pipe, a file, production), which is what log collectors read.
 */
export function prettyLogs(
  env: Record<string, string | undefined> = process.env,
  isTty: boolean = process.stdout.isTTY === true,
): boolean {
  if (env.LOG_FORMAT === 'json') return false;
  if (env.LOG_FORMAT === 'pretty') return true;
  // Under Jest each logger's transport would be a worker thread left open after the run.
  return isTty && env.NODE_ENV !== 'production' && env.NODE_ENV !== 'test' && !env.JEST_WORKER_ID;
}

/** One pino logger per process part; child loggers carry the service name in every line. */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    // Personal data must never reach the logs by accident.
    redact: { paths: ['*.idNumber', '*.phone', '*.address', 'payload.phone', 'payload.idNumber'], censor: '[masked]' },
    ...(prettyLogs()
      ? {
          transport: {
            target: 'pino-pretty',
            options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name', singleLine: true },
          },
        }
      : {}),
  });
}
