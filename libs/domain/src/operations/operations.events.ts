import type { DomainEvent } from '../shared/domain-error';

/** Operator actions on the platform itself, kept in the log as the audit trail (stream `operations-<subject>`). */
export type OperationsEvent = DomainEvent<
  'RelayCheckpointReset',
  { relay: string; fromPosition: string; toPosition: string; reason: string | null }
>;
