import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { ticketDecider } from '@app/domain';
import { AggregateReader } from '../../../shared/aggregate-reader';
import { streams } from '../../../shared/stream-id.pipe';
import { MergeTicketCommand } from './merge-ticket.command';

@CommandHandler(MergeTicketCommand)
export class MergeTicketHandler implements ICommandHandler<MergeTicketCommand, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reader: AggregateReader,
  ) {}

  async execute({ id, request, meta }: MergeTicketCommand): Promise<CommandResult> {
    const into = await this.reader.state(streams.ticket(request.intoTicketId), ticketDecider);
    const target = into.exists ? { exists: true, accountId: into.accountId, status: into.status } : { exists: false, accountId: null, status: null };
    return this.executor.on(streams.ticket(id), ticketDecider).execute((at) => ({ kind: 'MergeTicket', ticketId: id, at, intoTicketId: request.intoTicketId, target }), meta);
  }
}
