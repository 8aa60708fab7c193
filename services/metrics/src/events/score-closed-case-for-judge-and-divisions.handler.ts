import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** A closed case counts once for its judge (weighted by the active rule set) and for its village, township and county. */
export const scoreClosedCase = (s: ProjectionSettings) => projectFact('score-closed-case-for-judge-and-divisions', 'cases.case.closed', s);
