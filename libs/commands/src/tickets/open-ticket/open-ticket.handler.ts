import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, SlaCatalog, type CommandResult } from '@app/commanding';
import { accountDecider, streams, ticketDecider, type AccountFacts, type TicketCommand } from '@app/domain';
import { AggregateReader } from '../../aggregate-reader';
import { OpenTicketCommand } from './open-ticket.command';

/** Opens a ticket with the SLA policy that matches its account right now (docs/design.md §4). */
@CommandHandler(OpenTicketCommand)
export class OpenTicketHandler implements ICommandHandler<OpenTicketCommand, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reader: AggregateReader,
    private readonly catalog: SlaCatalog,
  ) {}

  async execute({ id, payload, meta }: OpenTicketCommand): Promise<CommandResult> {
    const account = await this.reader.state(streams.account(payload.accountId), accountDecider);
    const facts: AccountFacts = account.exists
      ? {
          exists: true,
          churned: account.churned !== null,
          tier: account.tier,
          contactIds: account.contacts.map((contact) => contact.contactId),
        }
      : { exists: false, churned: false, tier: 'standard', contactIds: [] };
    const sla = account.exists && !account.churned ? await this.catalog.match(account.tier, account.slaPolicyId) : null;
    const { accountId, contactId, subject, channel, priority, category } = payload;
    return this.executor.execute(
      streams.ticket(id),
      ticketDecider,
      (at): TicketCommand => ({
        kind: 'OpenTicket',
        ticketId: id,
        at,
        accountId,
        contactId,
        subject,
        description: payload.description ?? '',
        channel,
        priority,
        category,
        account: facts,
        sla,
      }),
      meta,
    );
  }
}
