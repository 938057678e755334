export * from './kafka-contract';
export * from './kafka-relay';
export * from './relay-store';
export * from './relay.module';
export * from './event-consumer';
export * from './relay-status';
export * from './kafka-topics';
export * from './asyncapi/asyncapi';
