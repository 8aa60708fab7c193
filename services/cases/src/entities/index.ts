import 'reflect-metadata';
import { CaseEntity } from './case.entity';

export { CaseEntity };
export const entities = [CaseEntity];
