export * from './embedded-database';
export * from './migrations';
export * from './transaction';
export * from './leadership';
export * from './unavailable';
