/**
 * Writes docs/events/asyncapi.yaml, the AsyncAPI 3.0 contract of every event, from the zod contracts
 * (`npm run docs:asyncapi`, also part of `npm run docs:events`): every NATS subject with its
 * envelope and payload schema, the partner channels on NATS and as signed webhooks, and their
 * security. `--check` fails when the committed file is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { allContracts, PARTNER_DEPARTMENTS, partnerWebhookContracts, WEBHOOK_HEADERS } from '../contracts';
import { envelopeSchema } from '../envelope';
import { streamFor } from '../streams';

type Json = Record<string, unknown>;

/** JSON Schema (draft-07, which AsyncAPI's schema format extends) of a zod schema, without `$schema`. */
function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any' }) as Json;
  return rest;
}

/** `credit.link.changed` → `credit_link_changed` (AsyncAPI ids are keys in YAML maps and `$ref` paths). */
const idOf = (type: string) => type.replace(/\./g, '_');

const ref = (p: string) => ({ $ref: p });

/** Partner departments read credit.link.changed.<DEPARTMENT> from a durable consumer of their own. */
const PARTNER_SUBJECT = 'credit.link.changed';

export function renderAsyncApi(): string {
  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = {};

  for (const c of allContracts) {
    const id = idOf(c.type);
    const routed = 'subject' in c && !!c.subject;
    messages[id] = {
      name: c.type,
      title: `${c.type} (v${c.version})`,
      summary: c.description,
      contentType: 'application/json',
      headers: {
        type: 'object',
        properties: {
          'Nats-Msg-Id': {
            type: 'string',
            format: 'uuid',
            description: 'The envelope id; JetStream drops duplicates.',
          },
        },
      },
      correlationId: { location: '$message.payload#/correlationId' },
      payload: jsonSchema(
        envelopeSchema.extend({
          type: z.literal(c.type),
          version: z.literal(c.version),
          payload: c.payload,
        }),
      ),
    };
    channels[id] = {
      address: routed ? `${c.type}.{department}` : c.type,
      title: c.type,
      description: `${c.description} Stream ${streamFor(c.type)}.`,
      servers: [ref('#/servers/nats')],
      ...(routed
        ? {
            parameters: {
              department: { enum: [...PARTNER_DEPARTMENTS], description: 'The partner department the change is for.' },
            },
          }
        : {}),
      messages: { [id]: ref(`#/components/messages/${id}`) },
    };
    operations[`publish_${id}`] = {
      action: 'send',
      title: `Publish ${c.type}`,
      channel: ref(`#/channels/${id}`),
      messages: [ref(`#/channels/${id}/messages/${id}`)],
      ...(c.type === PARTNER_SUBJECT
        ? {
            description:
              'Each partner department reads its own subject from the durable consumer partner_<DEPARTMENT> the platform provisions; acking a delivery acknowledges the change.',
            security: [ref('#/components/securitySchemes/partnerNatsUser')],
          }
        : {}),
    };
  }

  for (const w of partnerWebhookContracts) {
    const id = `webhook_${idOf(w.type)}`;
    messages[id] = {
      name: w.type,
      title: `${w.type} webhook`,
      summary: w.description,
      contentType: 'application/json',
      headers: {
        type: 'object',
        required: Object.keys(WEBHOOK_HEADERS),
        properties: Object.fromEntries(
          Object.entries(WEBHOOK_HEADERS).map(([name, description]) => [name, { type: 'string', description }]),
        ),
      },
      correlationId: { location: '$message.header#/webhook-id' },
      payload: jsonSchema(w.body),
    };
    channels[id] = {
      address: '{webhookUrl}',
      title: `${w.type} to a partner's webhook`,
      description:
        'POSTed to the URL registered for the department (registerWebhook). A 2xx acknowledges the change; anything else, or no answer within the timeout, is retried with exponential backoff and jitter for 3 days, one change at a time per person in the order made, then dead-lettered. Redirects are not followed. The same change always carries the same webhook-id, on retries and replays alike.',
      servers: [ref('#/servers/partnerWebhook')],
      parameters: { webhookUrl: { description: 'The path of the URL the department registered.' } },
      messages: { [id]: ref(`#/components/messages/${id}`) },
      bindings: { http: { bindingVersion: '0.3.0' } },
    };
    operations[`deliver_${id}`] = {
      action: 'send',
      title: `Deliver ${w.type} to a partner's webhook`,
      channel: ref(`#/channels/${id}`),
      messages: [ref(`#/channels/${id}/messages/${id}`)],
      security: [ref('#/components/securitySchemes/webhookSignature')],
      bindings: { http: { method: 'POST', bindingVersion: '0.3.0' } },
    };
  }

  const doc = {
    asyncapi: '3.0.0',
    info: {
      title: 'Zhiyuan (执源) events',
      version: '1.0.0',
      description:
        'Generated from packages/events/src/contracts by `npm run docs:asyncapi`; do not edit by hand. ' +
        'Every event travels on NATS JetStream in one envelope (id, type, version, occurredAt, producer, correlationId, causationId, key, payload); ' +
        'partner departments receive their credit-link changes on NATS or as signed webhooks. The prose catalogue is docs/events/README.md.',
    },
    defaultContentType: 'application/json',
    servers: {
      nats: {
        host: 'nats:4222',
        protocol: 'nats',
        description: 'NATS with JetStream: one stream per producing context (docs/events/README.md).',
        security: [ref('#/components/securitySchemes/serviceNatsUser')],
      },
      partnerWebhook: {
        host: '{partnerHost}',
        protocol: 'https',
        description:
          "A partner department's own HTTPS endpoint, registered with registerWebhook (https only in production).",
        variables: { partnerHost: { description: 'Host (and port) of the registered webhook URL.' } },
        security: [ref('#/components/securitySchemes/webhookSignature')],
      },
    },
    channels,
    operations,
    components: {
      messages,
      securitySchemes: {
        serviceNatsUser: {
          type: 'userPassword',
          description: 'Each service connects as its own NATS user (deploy/nats.conf).',
        },
        partnerNatsUser: {
          type: 'userPassword',
          description:
            "A partner department's NATS user may only pull from its durable consumer partner_<DEPARTMENT> on credit.link.changed.<DEPARTMENT>.",
        },
        webhookSignature: {
          type: 'httpApiKey',
          name: 'webhook-signature',
          in: 'header',
          description:
            'Standard Webhooks: `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` under the secret shown once at registerWebhook or rotateWebhookSecret (`whsec_<base64>`; the key is the base64-decoded part). During a rotation overlap two signatures are sent, space-separated. Refuse a webhook-timestamp far from your clock and deduplicate by webhook-id.',
        },
      },
    },
  };
  return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}

export const ASYNCAPI_PATH = path.resolve(__dirname, '../../../../docs/events/asyncapi.yaml');

if (require.main === module) {
  const text = renderAsyncApi();
  if (process.argv.includes('--check')) {
    const current = existsSync(ASYNCAPI_PATH) ? readFileSync(ASYNCAPI_PATH, 'utf8') : '';
    if (current !== text) {
      process.stderr.write('docs/events/asyncapi.yaml is stale: run `npm run docs:asyncapi`\n');
      process.exit(1);
    }
  } else {
    writeFileSync(ASYNCAPI_PATH, text);
    process.stdout.write(`wrote ${ASYNCAPI_PATH}\n`);
  }
}
