import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** An open case that follows its obligor to a new home counts for the new divisions from then on. */
export const followCaseToItsNewDivision = (s: ProjectionSettings) => projectFact('follow-case-to-its-new-division', 'cases.case.rerouted', s);
