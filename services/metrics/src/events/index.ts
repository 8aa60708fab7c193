import type { HandlerDefinition } from '@zhiyuan/db';
import type { ProjectionSettings } from '../projection/settings';
import { keepAuditEntry } from './keep-audit-entry.handler';
import { projectEventsIntoReadModels } from './project-events-into-read-models.handler';

/** The event handlers of this service, each named for the rule it carries out. */
export function createHandlers(s: ProjectionSettings): HandlerDefinition<any>[] {
  return [...projectEventsIntoReadModels(s), keepAuditEntry];
}
