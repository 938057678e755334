import type { CommandMeta } from '@app/commanding';

/** Who asked for an erasure, as the record names them: `service:crm`, `agent:ada`. */
export function erasedBy(meta: CommandMeta): string {
  return `${meta.actor.kind}:${meta.actor.id}`;
}
