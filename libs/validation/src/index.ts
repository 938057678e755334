export * from './query';
export * from './shapes';
export * from './validator';
