import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** An acknowledged change no longer counts as overdue. */
export const clearPartnerAcknowledgement = (s: ProjectionSettings) => projectFact('clear-partner-acknowledgement', 'credit.partner.acknowledged', s);
