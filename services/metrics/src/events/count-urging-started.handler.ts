import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** A pre-enforcement urging counts as started on the day it started. */
export const countUrgingStarted = (s: ProjectionSettings) => projectFact('count-urging-started', 'cases.urging.started', s);
