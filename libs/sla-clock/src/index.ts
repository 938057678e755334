export * from './sla-clock.module';
export * from './sla-clock';
export * from './command-dispatcher';
export * from './triggers';
