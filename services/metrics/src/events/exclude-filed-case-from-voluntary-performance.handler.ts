import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** A judgment that needed an enforcement case no longer counts as performed without enforcement. */
export const excludeFiledCaseFromVoluntaryPerformance = (s: ProjectionSettings) => projectFact('exclude-filed-case-from-voluntary-performance', 'cases.enforcement.filed', s);
