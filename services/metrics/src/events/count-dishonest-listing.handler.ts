import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** A listing counts for the divisions of its case and in the dishonesty rate. */
export const countDishonestListing = (s: ProjectionSettings) => projectFact('count-dishonest-listing', 'credit.listing.added', s);
