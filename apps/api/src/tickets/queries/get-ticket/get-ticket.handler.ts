import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { streams, ticketDecider, type TicketState } from '@app/domain';
import { CurrentStateReader, type CurrentState } from '../../../shared/current-state.reader';
import { GetTicketQuery } from './get-ticket.query';

@QueryHandler(GetTicketQuery)
export class GetTicketHandler implements IQueryHandler<GetTicketQuery, CurrentState<TicketState & { exists: true }>> {
  constructor(private readonly reader: CurrentStateReader) {}

  execute({ ticketId, asOf }: GetTicketQuery): Promise<CurrentState<TicketState & { exists: true }>> {
    return this.reader.read(streams.ticket(ticketId), ticketDecider, 'ticket', asOf);
  }
}
