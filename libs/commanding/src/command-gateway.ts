import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { routeOf } from '@app/domain';
import type { CommandMeta } from './command-context';
import { CommandExecutor, type CommandResult } from './command-executor';
import { completeCommand, Enrichers, type CommandToSend } from './enrichers';

/** A command on its way, as every sender puts it on the CommandBus: `bus.execute(new Send(command, meta))`. */
export class Send {
  constructor(
    readonly command: CommandToSend,
    readonly meta: CommandMeta,
  ) {}
}

/**
 * The one handler of every command (docs/design.md §1): the command names its aggregate, so its
 * stream and decider follow (`routeOf`); the enrichers add what it needs from elsewhere; the
 * executor loads, decides and appends.
 */
@CommandHandler(Send)
export class CommandGateway implements ICommandHandler<Send, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly enrichers: Enrichers,
  ) {}

  async execute({ command, meta }: Send): Promise<CommandResult> {
    const { streamId, decider } = routeOf(command);
    const { facts, after } = await this.enrichers.enrich(command, meta);
    const result = await this.executor.execute(streamId, decider, (at) => completeCommand(command, facts, at), meta);
    await after?.();
    return result;
  }
}
