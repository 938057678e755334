export * from './clock';
export * from './command-context';
export * from './command-errors';
export * from './command-executor';
export * from './commanding.module';
export * from './deterministic-uuid';
export * from './sla-catalog';
