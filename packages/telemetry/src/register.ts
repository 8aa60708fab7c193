/**
 * Imported first by a process's entry point (`import '@zhiyuan/telemetry/register'`): starts tracing
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set, before http, pg and graphql are loaded, so their
 * instrumentations can patch them. Unset, it loads nothing beyond @opentelemetry/api.
 * The service name is OTEL_SERVICE_NAME, else the entry point's workspace (`@zhiyuan/cases` → cases).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { exitOnConfigError } from '@zhiyuan/config';
import { startTracingFromEnv } from './tracing';

function workspaceName(): string {
  let dir = path.dirname(process.argv[1] ?? process.cwd());
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      // npm start (the launcher) runs every part: its spans are zhiyuan's.
      if (pkg.name) return pkg.name === '@zhiyuan/stack' ? 'zhiyuan' : pkg.name.replace(/^@zhiyuan\//, '');
    } catch {
      // not here: one level up
    }
    dir = path.dirname(dir);
  }
  return 'zhiyuan';
}

export const tracing = (() => {
  try {
    return startTracingFromEnv(workspaceName());
  } catch (err) {
    return exitOnConfigError(err);
  }
})();
