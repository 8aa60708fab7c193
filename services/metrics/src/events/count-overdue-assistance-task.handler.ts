import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** A task past its due date counts as overdue until it is done. */
export const countOverdueAssistanceTask = (s: ProjectionSettings) => projectFact('count-overdue-assistance-task', 'tasks.task.overdue', s);
