import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** A credit-link change waits for its partner department acknowledgement. */
export const trackPartnerAcknowledgementDue = (s: ProjectionSettings) => projectFact('track-partner-acknowledgement-due', 'credit.link.changed.*', s);
