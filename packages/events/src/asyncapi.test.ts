import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { ASYNCAPI_PATH, renderAsyncApi } from './bin/asyncapi';
import { allContracts, partnerWebhookContracts } from './contracts';

/** Spectral severities: 0 error, 1 warning, 2 information, 3 hint. */
const ERROR = 0;
const WARNING = 1;

describe('AsyncAPI document', () => {
  const text = readFileSync(ASYNCAPI_PATH, 'utf8');

  it('docs/events/asyncapi.yaml is generated from the current contracts (run `npm run docs:asyncapi` when this fails)', () => {
    expect(text).toBe(renderAsyncApi());
  });

  it('is a valid AsyncAPI 3.0 document covering every subject and the partner webhooks, with their security', async () => {
    const { document, diagnostics } = await new Parser().parse(text);
    expect(diagnostics.filter((d) => d.severity === ERROR || d.severity === WARNING).map((d) => d.message)).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.version()).toBe('3.0.0');

    const addresses = document!
      .channels()
      .all()
      .map((c) => c.address());
    for (const c of allContracts)
      expect(addresses).toContain('subject' in c && c.subject ? `${c.type}.{department}` : c.type);
    expect(addresses).toContain('{webhookUrl}');

    const partnerFeed = document!.channels().get('credit_link_changed')!;
    expect((partnerFeed.parameters().get('department')?.json() as { enum?: string[] }).enum).toEqual([
      'PARTY_MEMBERSHIP',
      'ENLISTMENT',
      'BANK_LOAN',
      'CIVILIZED_HOUSEHOLD',
    ]);

    for (const w of partnerWebhookContracts) {
      const op = document!.operations().get(`deliver_webhook_${w.type.replace(/\./g, '_')}`)!;
      expect(op.action()).toBe('send');
      expect(
        op
          .servers()
          .all()
          .map((s) => s.protocol()),
      ).toEqual(['https']);
      const scheme = op.security()[0]!.all()[0]!.scheme();
      expect(scheme.type()).toBe('httpApiKey');
      expect(scheme.name()).toBe('webhook-signature');
      const message = op.messages().all()[0]!;
      expect(Object.keys(message.headers()!.properties() ?? {})).toEqual([
        'webhook-id',
        'webhook-timestamp',
        'webhook-signature',
      ]);
      // The payload schema is the zod contract's: the NATS event's payload as `data`.
      const data = message.payload()!.properties()!.data!;
      expect(Object.keys(data.properties()!)).toEqual(Object.keys((w.body.shape.data as any).shape));
      expect(JSON.stringify(data.json())).not.toContain('"name"');
    }
    const natsPartner = document!.operations().get('publish_credit_link_changed')!;
    expect(natsPartner.security()[0]!.all()[0]!.scheme().type()).toBe('userPassword');
  });

  it('gives each message the envelope around its own payload schema', async () => {
    const { document } = await new Parser().parse(text);
    const m = document!.components().messages().get('cases_case_closed')!;
    const payload = m.payload()!;
    expect(Object.keys(payload.properties()!)).toEqual(
      expect.arrayContaining(['id', 'type', 'version', 'occurredAt', 'correlationId', 'key', 'payload']),
    );
    expect(payload.properties()!.type!.const()).toBe('cases.case.closed');
    expect(Object.keys(payload.properties()!.payload!.properties()!)).toContain('outcome');
  });
});
