export type ActorKind = 'service' | 'agent' | 'system';

export interface Actor {
  kind: ActorKind;
  id: string;
}

/** Who sent a command, why, and under which conditions (docs/design.md §3 metadata, §8 If-Match / Idempotency-Key). */
export interface CommandMeta {
  actor: Actor;
  correlationId: string;
  causationId: string;
  source: string;
  /** From If-Match: the command applies only to this revision of the stream (-1: it must not exist). */
  expectedRevision?: bigint;
  /** Event ids derive from it, so a retried command cannot append twice even if its first answer was lost. */
  eventIdSeed?: string;
  /**
   * For backfills only (the seed simulator, imports): the instant the command happened, instead of
   * the clock's now. HTTP requests never set it.
   */
  occurredAt?: string;
}
