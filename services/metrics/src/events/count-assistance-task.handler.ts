import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** An assistance task counts by type and level for its division. */
export const countAssistanceTask = (s: ProjectionSettings) => projectFact('count-assistance-task', 'tasks.task.created', s);
