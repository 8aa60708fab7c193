import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** A removed listing leaves the active listings and the dishonesty rate. */
export const countDishonestListingRemoval = (s: ProjectionSettings) => projectFact('count-dishonest-listing-removal', 'credit.listing.removed', s);
