import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { SlaTargetState, TicketState } from '@app/domain';
import type { CurrentState } from '../../../shared/current-state.reader';
import { Authorized } from '../../../shared/auth/auth.guard';
import { withETag } from '../../../shared/etag';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { GetTicketQuery } from './get-ticket.query';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { TicketResponse } from '../../../openapi/responses';

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

  /** The ticket as of its latest revision (the ETag), with each SLA target's state, due and at-risk times. */
  @Get(':id')
  @ApiAnswer('TicketResponse')
  @Authorized('read')
  async getTicket(
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TicketResponse> {
    const { state, revision } = await this.queries.execute<GetTicketQuery, CurrentState<Ticket>>(
      new GetTicketQuery(id),
    );
    return withETag(response, revision, view(state));
  }
}
