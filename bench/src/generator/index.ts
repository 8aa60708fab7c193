export * from './prng';
export * from './ids';
export * from './names';
export * from './dataset';
export * from './write';
