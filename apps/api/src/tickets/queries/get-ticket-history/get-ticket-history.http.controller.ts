import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { recordedEventJson } from '@app/event-store';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { TicketHistoryResponse } from '../../../openapi/responses';
import { AsOfRequest } from '../../../shared/query-shapes';
import { Authorized } from '../../../shared/auth/auth.guard';
import type { CurrentState } from '../../../shared/current-state.reader';
import { GetTicketQuery } from '../get-ticket/get-ticket.query';
import { PathParam, ValidQuery } from '../../../shared/request.decorators';

@ApiTags('tickets')
@Controller('v1/tickets')
export class GetTicketHistoryHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({
    summary: "The ticket's own events as the log recorded them, in order, with metadata; up to `asOf` when given.",
  })
  @Get(':id/history')
  @ApiAnswer('TicketHistoryResponse')
  @Authorized('read')
  async getTicketHistory(
    @PathParam('id') id: string,
    @ValidQuery(AsOfRequest) request: AsOfRequest,
  ): Promise<TicketHistoryResponse> {
    const current = await this.queries.execute<GetTicketQuery, CurrentState<unknown>>(
      new GetTicketQuery(id, request.asOf),
    );
    return { ticketId: id, events: current.events.map(recordedEventJson) };
  }
}
