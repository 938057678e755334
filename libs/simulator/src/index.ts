export * from './random';
export * from './simulation';
export * from './history-runner';
