export { startStack, type Stack, type StackOptions } from './start-stack';
export { gql } from './client';
export { loadDemoCases } from './demo';
