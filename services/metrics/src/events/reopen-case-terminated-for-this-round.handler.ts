import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** A case terminated for this round and taken up again counts as open until it closes again. */
export const reopenCaseTerminatedForThisRound = (s: ProjectionSettings) => projectFact('reopen-case-terminated-for-this-round', 'cases.case.transitioned', s);
