import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, SlaCatalog, type CommandResult } from '@app/commanding';
import { accountDecider, ticketDecider, type AccountFacts } from '@app/domain';
import { AggregateReader } from '../../../shared/aggregate-reader';
import { streams } from '../../../shared/stream-id.pipe';
import { OpenTicketCommand } from './open-ticket.command';

/** Opens a ticket with the SLA policy that matches its account right now (docs/design.md §4). */
@CommandHandler(OpenTicketCommand)
export class OpenTicketHandler implements ICommandHandler<OpenTicketCommand, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reader: AggregateReader,
    private readonly catalog: SlaCatalog,
  ) {}

  async execute({ id, request, meta }: OpenTicketCommand): Promise<CommandResult> {
    const account = await this.reader.state(streams.account(request.accountId), accountDecider);
    const facts: AccountFacts = account.exists
      ? { exists: true, churned: account.churned !== null, tier: account.tier, contactIds: account.contacts.map((contact) => contact.contactId) }
      : { exists: false, churned: false, tier: 'standard', contactIds: [] };
    const sla = account.exists && !account.churned ? await this.catalog.match(account.tier, account.slaPolicyId) : null;
    const { accountId, contactId, subject, channel, priority, category } = request;
    return this.executor
      .on(streams.ticket(id), ticketDecider)
      .execute((at) => ({ kind: 'OpenTicket', ticketId: id, at, accountId, contactId, subject, description: request.description ?? '', channel, priority, category, account: facts, sla }), meta);
  }
}
