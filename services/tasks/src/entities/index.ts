import 'reflect-metadata';
import { TaskEntity } from './task.entity';

export { TaskEntity };
export const entities = [TaskEntity];
