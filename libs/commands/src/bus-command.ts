import type { CommandMeta } from '@app/commanding';

/**
 * A command as it travels the CommandBus: the id of what it targets, its payload (validated by
 * whoever built it: the HTTP API, the simulator) and the metadata of the request that caused it.
 */
export abstract class BusCommand<Payload> {
  constructor(
    readonly id: string,
    readonly payload: Payload,
    readonly meta: CommandMeta,
  ) {}
}
