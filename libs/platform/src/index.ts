export * from './platform.module';
export * from './platform.tokens';
export * from './http-app';
export * from './readiness';
