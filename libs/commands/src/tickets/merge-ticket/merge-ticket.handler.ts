import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type TicketCommand } from '@app/domain';
import { AggregateReader } from '../../aggregate-reader';
import { MergeTicketCommand } from './merge-ticket.command';

@CommandHandler(MergeTicketCommand)
export class MergeTicketHandler implements ICommandHandler<MergeTicketCommand, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reader: AggregateReader,
  ) {}

  async execute({ id, payload, meta }: MergeTicketCommand): Promise<CommandResult> {
    const into = await this.reader.state(streams.ticket(payload.intoTicketId), ticketDecider);
    const target = into.exists
      ? { exists: true, accountId: into.accountId, status: into.status }
      : { exists: false, accountId: null, status: null };
    return this.executor.execute(
      streams.ticket(id),
      ticketDecider,
      (at): TicketCommand => ({ kind: 'MergeTicket', ticketId: id, at, intoTicketId: payload.intoTicketId, target }),
      meta,
    );
  }
}
