export * from './metrics';
export * from './horizon-reporter';
export * from './logger';
export * from './cluster-metrics';
