import type { CommandMeta } from '@app/commanding';

/** A command as it travels the CommandBus: the target id, the validated request, the request's metadata. */
export abstract class RequestCommand<Request> {
  constructor(
    readonly id: string,
    readonly request: Request,
    readonly meta: CommandMeta,
  ) {}
}
