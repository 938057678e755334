export * from './key-store.port';
export * from './postgres-key-store';
export * from './personal-data-cipher';
export * from './protected-event-store';
export * from './master-key';
