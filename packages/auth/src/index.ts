export * from './identity';
export * from './internal';
export * from './demo';
