import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** An urging that ended because the obligor performed counts as performed. */
export const countUrgingPerformed = (s: ProjectionSettings) => projectFact('count-urging-performed', 'cases.urging.ended', s);
