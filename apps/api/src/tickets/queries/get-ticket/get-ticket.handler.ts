import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ticketDecider, type TicketState } from '@app/domain';
import { AggregateReader, type CurrentState } from '../../../shared/aggregate-reader';
import { streams } from '../../../shared/stream-id.pipe';
import { GetTicketQuery } from './get-ticket.query';

@QueryHandler(GetTicketQuery)
export class GetTicketHandler implements IQueryHandler<GetTicketQuery, CurrentState<TicketState & { exists: true }>> {
  constructor(private readonly reader: AggregateReader) {}

  execute({ ticketId }: GetTicketQuery): Promise<CurrentState<TicketState & { exists: true }>> {
    return this.reader.read(streams.ticket(ticketId), ticketDecider, 'ticket');
  }
}
