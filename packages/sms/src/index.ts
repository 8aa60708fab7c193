export * from './providers';
export * from './config';
