export * from './identity';
export * from './internal';
