import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { recordedEventJson } from '@app/event-store';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { TicketHistoryResponse } from '../../../openapi/responses';
import { AsOfRequest } from '../../../shared/as-of.dto';
import { Authorized } from '../../../shared/auth/auth.guard';
import type { CurrentState } from '../../../shared/current-state.reader';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { GetTicketQuery } from '../get-ticket/get-ticket.query';

@ApiTags('tickets')
@Controller('v1/tickets')
export class GetTicketHistoryHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** The ticket's own events as the log recorded them, in order, with metadata; up to `asOf` when given. */
  @Get(':id/history')
  @ApiAnswer('TicketHistoryResponse')
  @Authorized('read')
  async getTicketHistory(
    @Param('id', IdPipe) id: string,
    @Query() request: AsOfRequest,
  ): Promise<TicketHistoryResponse> {
    const current = await this.queries.execute<GetTicketQuery, CurrentState<unknown>>(
      new GetTicketQuery(id, request.asOf),
    );
    return { ticketId: id, events: current.events.map(recordedEventJson) };
  }
}
