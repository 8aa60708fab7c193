/**
 * Writes docs/events/README.md, the event catalogue, from the contracts (`npm run docs:events`);
 * `--check` fails when the committed file is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { allContracts } from '../contracts';
import { STREAMS, streamFor } from '../streams';

export function renderCatalogue(): string {
  const lines = [
    '# Event catalogue',
    '',
    'Generated from `packages/events/src/contracts` by `npm run docs:events`; do not edit by hand.',
    '',
    'Every event travels in one envelope: `id` (uuid, also the JetStream `Nats-Msg-Id`), `type`, `version`, `occurredAt`,',
    '`producer`, `correlationId`, `causationId`, `key` (the case or party the event is about) and `payload`.',
    '',
    'The machine-readable contract of the same events, and of the webhooks partner departments receive, is',
    '[asyncapi.yaml](asyncapi.yaml) (AsyncAPI 3.0, generated from the same contracts by `npm run docs:asyncapi`).',
    '',
    '## Streams',
    '',
    '| stream | subjects |',
    '| --- | --- |',
    ...STREAMS.map((s) => `| ${s.name} | ${s.subjects.map((x) => `\`${x}\``).join(', ')} |`),
    '',
    'A message that fails validation, or whose handler keeps failing, is published to `deadletter.<consumer>.<subject>` with the',
    'headers `Zhiyuan-Dead-Reason`, `Zhiyuan-Original-Subject` and `Zhiyuan-Original-Sequence`.',
    '',
    '## Events',
    '',
  ];
  for (const c of allContracts) {
    const schema = z.toJSONSchema(c.payload, { unrepresentable: 'any' }) as {
      properties?: Record<string, { type?: unknown; enum?: unknown[]; anyOf?: unknown[] }>;
      required?: string[];
    };
    const subject = 'subject' in c && c.subject ? `${c.type}.<department>` : c.type;
    lines.push(
      `### \`${c.type}\` (v${c.version})`,
      '',
      c.description,
      '',
      `Subject \`${subject}\`, stream ${streamFor(c.type)}.`,
      '',
    );
    const accepts: readonly { version: number; note: string }[] = 'accepts' in c && c.accepts ? c.accepts : [];
    for (const v of accepts) lines.push(`Version ${v.version}, still in the stream, is ${v.note}.`, '');
    if (c.version > 1) lines.push(`Any other earlier version is refused (dead-lettered).`, '');
    lines.push('| field | type | required |', '| --- | --- | --- |');
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      lines.push(`| \`${name}\` | ${describeType(prop)} | ${schema.required?.includes(name) ? 'yes' : 'no'} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

function describeType(prop: Record<string, unknown>): string {
  if (Array.isArray(prop.enum)) return (prop.enum as unknown[]).map((v) => `\`${String(v)}\``).join(' \\| ');
  if (Array.isArray(prop.anyOf)) return (prop.anyOf as Record<string, unknown>[]).map(describeType).join(' or ');
  if (prop.type === 'array') return `list of ${describeType((prop.items as Record<string, unknown>) ?? {})}`;
  if (prop.format) return `${String(prop.type)} (${String(prop.format)})`;
  return String(prop.type ?? 'object');
}

export const CATALOGUE_PATH = path.resolve(__dirname, '../../../../docs/events/README.md');

if (require.main === module) {
  const text = renderCatalogue();
  if (process.argv.includes('--check')) {
    const current = existsSync(CATALOGUE_PATH) ? readFileSync(CATALOGUE_PATH, 'utf8') : '';
    if (current !== text) {
      process.stderr.write('docs/events/README.md is stale: run `npm run docs:events`\n');
      process.exit(1);
    }
  } else {
    writeFileSync(CATALOGUE_PATH, text);
    process.stdout.write(`wrote ${CATALOGUE_PATH}\n`);
  }
}
