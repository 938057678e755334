export * from './event-store.port';
export * from './event-store.errors';
export * from './upcasters';
export { DEFAULT_APPEND_LIMITS, type AppendLimits } from './append-validation';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export type { HorizonBlocker, HorizonObserver } from './postgres/horizon-tracker';
export { EventStoreDbEventStore, type EventStoreDbOptions } from './eventstoredb/eventstoredb-event-store';
export type { SubscriptionObserver } from './eventstoredb/eventstoredb-subscription';
export * from './recorded-event-json';
