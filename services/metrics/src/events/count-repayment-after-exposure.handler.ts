import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** A payment on a case whose obligor had been listed counts as a repayment after exposure. */
export const countRepaymentAfterExposure = (s: ProjectionSettings) => projectFact('count-repayment-after-exposure', 'cases.performance.recorded', s);
