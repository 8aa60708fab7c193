import type { HandlerDefinition } from '@zhiyuan/db';
import { countClosedCaseInDivisionStats } from './count-closed-case-in-division-stats.handler';

/** The event handlers of this service, each named for the rule it carries out. */
export const handlers: HandlerDefinition<any>[] = [countClosedCaseInDivisionStats];
