import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createEvent, parseEnvelope } from '@zhiyuan/events';
import { activeTraceContext, startTracingFromEnv, tracingEnabled } from '../src';

const root = path.resolve(__dirname, '../../..');

/** Runs a snippet in a fresh node (with tsx): what a process of the product loads is seen there, not in Jest's registry. */
function inNode(code: string, env: Record<string, string | undefined>): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
    cwd: root,
    env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: undefined, ...env },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

const LOADED = `require('@zhiyuan/telemetry/register');
const loaded = Object.keys(require.cache).filter((k) => /@opentelemetry[\\\\/](sdk-node|sdk-trace-base|instrumentation-)/.test(k));
process.stdout.write(String(loaded.length > 0));`;

describe('tracing', () => {
  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT: the SDK is not even loaded, events carry no trace context', () => {
    expect(startTracingFromEnv('test', {})).toBeUndefined();
    expect(tracingEnabled()).toBe(false);
    expect(activeTraceContext()).toBeUndefined();
    const event = createEvent(
      'credit.link.changed',
      {
        changeId: randomUUID(),
        partyId: randomUUID(),
        department: 'BANK_LOAN',
        status: 'CLEAR',
        idNumberMasked: '3305221990****1234',
        listingIds: [],
        reason: 'LISTING_REMOVED',
        changedAt: new Date().toISOString(),
      },
      { producer: 'test', key: 'k' },
    );
    expect(event).not.toHaveProperty('traceContext');
    expect(inNode(LOADED, {})).toBe('false');
  }, 60_000);

  it('loads the SDK when the endpoint is set', () => {
    expect(inNode(LOADED, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' })).toBe('true');
  }, 60_000);

  it('refuses a malformed endpoint at start', () => {
    expect(() => startTracingFromEnv('test', { OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });

  it('keeps envelopes with and without a trace context valid (the field is optional)', () => {
    const base = {
      id: '00000000-0000-4000-8000-000000000002',
      type: 'cases.case.closed',
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'cases',
      correlationId: '00000000-0000-4000-8000-000000000002',
      causationId: null,
      key: 'k',
    };
    const tc = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    const bad = { traceparent: 'nonsense' };
    const parse = (extra: object) => () => parseEnvelope(JSON.stringify({ ...base, payload: {}, ...extra }));
    // The payload is what fails (or not) on its own contract; the trace context is checked by the envelope.
    expect(parse({ traceContext: bad })).toThrow(/traceContext/);
    for (const extra of [{}, { traceContext: tc }]) expect(() => parse(extra)()).not.toThrow(/traceContext/);
  });
});
