export * from './created-id';
export * from './calendar-input';
export * from './sla-policy-input';
export * from './accounts.requests';
export * from './calendars.requests';
export * from './sla-policies.requests';
export * from './tickets.requests';
