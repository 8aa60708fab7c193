import type { HandlerDefinition } from '@zhiyuan/db';

/** The event handlers of this service, each named for the rule it carries out. */
export const handlers: HandlerDefinition<any>[] = [];
