import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** A task done counts as completed and leaves the open and overdue tasks. */
export const countAssistanceTaskDone = (s: ProjectionSettings) => projectFact('count-assistance-task-done', 'tasks.task.completed', s);
