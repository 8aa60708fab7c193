import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** Changes left unacknowledged count towards the partner-acknowledgement warning. */
export const warnOnPartnerAcknowledgementOverdue = (s: ProjectionSettings) => projectFact('warn-on-partner-acknowledgement-overdue', 'credit.partner.overdue', s);
