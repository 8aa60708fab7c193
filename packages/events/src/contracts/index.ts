import { z } from 'zod';
import { auditContracts } from './audit';
import { casesContracts } from './cases';
import { metricsContracts } from './metrics';
import { peopleCreditContracts } from './people-credit';
import { tasksContracts } from './tasks';

export * from './cases';
export * from './people-credit';
export * from './tasks';
export * from './metrics';
export * from './audit';
export { defineEvent, type EventContract } from './define';

export const allContracts = [
  ...casesContracts,
  ...peopleCreditContracts,
  ...tasksContracts,
  ...metricsContracts,
  ...auditContracts,
] as const;

type AnyContract = (typeof allContracts)[number];
/** Every event type in the catalogue. */
export type EventType = AnyContract['type'];
/** The payload of an event type, as its schema parses it. */
export type EventPayload<T extends EventType> = z.infer<Extract<AnyContract, { type: T }>['payload']>;

const byType = new Map<string, AnyContract>(allContracts.map((c) => [c.type, c]));

export function contractFor(type: string): AnyContract | undefined {
  return byType.get(type);
}

/** The subject an event is published on. */
export function subjectFor<T extends EventType>(type: T, payload: EventPayload<T>): string {
  const contract = byType.get(type) as { subject?: (p: unknown) => string } | undefined;
  return contract?.subject ? contract.subject(payload) : type;
}
export * from './webhooks';
