export * from './embedded-database';
export * from './migrations';
