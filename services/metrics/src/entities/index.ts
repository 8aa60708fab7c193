import 'reflect-metadata';
import { DivisionStatsEntity } from './division-stats.entity';

export { DivisionStatsEntity };
export const entities = [DivisionStatsEntity];
