export { startStack, type Stack, type StackOptions } from './start-stack';
export { gql } from './client';
export { loadDemoCases } from './demo';
export { StatementProfiler, type StatementPhase, type StatementProfile } from './statement-profile';
