import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** A judgment that became effective counts for its village, township and county, and in the dispute analysis by cause. */
export const countEffectiveJudgment = (s: ProjectionSettings) => projectFact('count-effective-judgment-in-its-divisions', 'cases.judgment.effective', s);
