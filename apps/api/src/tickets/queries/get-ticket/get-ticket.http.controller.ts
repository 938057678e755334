import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { SlaTargetState, TicketState } from '@app/domain';
import type { CurrentState } from '../../../shared/current-state.reader';
import { AsOfRequest } from '../../../shared/query-shapes';
import { Authorized } from '../../../shared/auth/auth.guard';
import { withETag } from '../../../shared/etag';
import { GetTicketQuery } from './get-ticket.query';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { TicketResponse } from '../../../openapi/responses';
import { PathParam, ValidQuery } from '../../../shared/request.decorators';

type Ticket = TicketState & { exists: true };

function view(ticket: Ticket) {
  const { exists: _exists, ticketId, sla, targets, nextResponses: _count, ...rest } = ticket;
  return {
    id: ticketId,
    ...rest,
    sla: sla && {
      policyId: sla.policyId,
      policyName: sla.policyName,
      calendarId: sla.calendarId,
      targets: Object.values(targets).map(({ runningSince: _since, ...target }: SlaTargetState) => target),
    },
  };
}

@ApiTags('tickets')
@Controller('v1/tickets')
export class GetTicketHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({
    summary:
      "The ticket as of its latest revision (the ETag), or as of `asOf`, with each SLA target's state, used minutes, due and at-risk times as they stood then.",
  })
  @Get(':id')
  @ApiAnswer('TicketResponse')
  @Authorized('read')
  async getTicket(
    @PathParam('id') id: string,
    @ValidQuery(AsOfRequest) request: AsOfRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TicketResponse> {
    const current = await this.queries.execute<GetTicketQuery, CurrentState<Ticket>>(
      new GetTicketQuery(id, request.asOf),
    );
    return withETag(response, current, view(current.state));
  }
}
