import { randomUUID } from 'node:crypto';
import { Controller, Get, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type CommandMeta, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type SlaTargetState, type TicketState } from '@app/domain';
import { recordedEventJson } from '@app/event-store';
import {
  AddNote,
  addNote,
  AddReply,
  addReply,
  assignTicket,
  AssignTicket,
  changePriority,
  ChangePriority,
  ChangeStatus,
  changeStatus,
  EscalateTicket,
  escalateTicket,
  MergeTicket,
  mergeTicket,
  openTicket,
  OpenTicket,
  rateCsat,
  RateCsat,
} from '@app/requests';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import type { TicketHistoryResponse, TicketResponse } from '../openapi/responses';
import { Authorized } from '../shared/auth/auth.guard';
import { Commands } from '../shared/command-answer';
import { CommandEndpoint } from '../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../shared/command-meta.decorator';
import { CurrentStateReader } from '../shared/current-state.reader';
import { withETag } from '../shared/etag';
import { AsOfRequest } from '../shared/query-shapes';
import { PathParam, ValidBody, ValidQuery } from '../shared/request.decorators';

/** The ticket as GET shows it: its id, SLA targets as a list without their internal running start. */
function view(ticket: TicketState & { exists: true }): Omit<TicketResponse, 'revision' | 'position'> {
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

/** The tickets endpoints under /v1/tickets: the commands on a ticket, and the ticket read from its stream. */
@ApiTags('tickets')
@Controller('v1/tickets')
export class TicketsHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly reader: CurrentStateReader,
  ) {}

  @ApiOperation({ summary: 'Adds an internal note; the customer never sees it and it does not answer any SLA.' })
  @Post(':id/notes')
  @CommandEndpoint('tickets:write')
  addNote(
    @PathParam('id') id: string,
    @ValidBody(AddNote, 'AddNoteRequest') request: AddNote,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(addNote(id, randomUUID(), request), meta);
  }

  @ApiOperation({
    summary: 'Adds a reply: a public agent reply answers the SLA; a customer reply may start next response.',
  })
  @Post(':id/replies')
  @CommandEndpoint('tickets:write')
  addReply(
    @PathParam('id') id: string,
    @ValidBody(AddReply, 'AddReplyRequest') request: AddReply,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(addReply(id, randomUUID(), request), meta);
  }

  @ApiOperation({ summary: 'Assigns the ticket to a group (queue) and optionally an agent.' })
  @Post(':id/assignment')
  @CommandEndpoint('tickets:write')
  assignTicket(
    @PathParam('id') id: string,
    @ValidBody(AssignTicket, 'AssignTicketRequest') request: AssignTicket,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(assignTicket(id, request), meta);
  }

  @ApiOperation({ summary: 'Changes the priority; running SLA targets take the new priority’s budget.' })
  @Post(':id/priority')
  @CommandEndpoint('tickets:write')
  changePriority(
    @PathParam('id') id: string,
    @ValidBody(ChangePriority, 'ChangePriorityRequest') request: ChangePriority,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(changePriority(id, request), meta);
  }

  @ApiOperation({
    summary: 'Moves the ticket through open, pending, on_hold, solved and closed; pause statuses stop the SLA clock.',
  })
  @Post(':id/status')
  @CommandEndpoint('tickets:write')
  changeStatus(
    @PathParam('id') id: string,
    @ValidBody(ChangeStatus, 'ChangeStatusRequest') request: ChangeStatus,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(changeStatus(id, request), meta);
  }

  @ApiOperation({ summary: 'Escalates to l2, engineering or account management, with the reason.' })
  @Post(':id/escalations')
  @CommandEndpoint('tickets:write')
  escalateTicket(
    @PathParam('id') id: string,
    @ValidBody(EscalateTicket, 'EscalateTicketRequest') request: EscalateTicket,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(escalateTicket(id, request), meta);
  }

  @ApiOperation({
    summary:
      'Merges this ticket into another open ticket of the same account; this one closes and its SLA targets are cancelled.',
  })
  @Post(':id/merge')
  @CommandEndpoint('tickets:write')
  mergeTicket(
    @PathParam('id') id: string,
    @ValidBody(MergeTicket, 'MergeTicketRequest') request: MergeTicket,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(mergeTicket(id, request), meta);
  }

  @ApiOperation({
    summary: "Opens a ticket for an account's contact; the matching SLA policy is copied into it and its clocks start.",
  })
  @Post()
  @CommandEndpoint('tickets:write', { creates: true })
  async openTicket(
    @ValidBody(OpenTicket, 'OpenTicketRequest') request: OpenTicket,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    const id = request.id ?? randomUUID();
    return {
      ...(await this.commands.send(openTicket(id, request), meta)),
      id,
    };
  }

  @ApiOperation({ summary: 'Records the customer’s satisfaction rating (1–5) after solve.' })
  @Post(':id/csat')
  @CommandEndpoint('tickets:write')
  rateCsat(
    @PathParam('id') id: string,
    @ValidBody(RateCsat, 'RateCsatRequest') request: RateCsat,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(rateCsat(id, request), meta);
  }

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
    const current = await this.reader.read(streams.ticket(id), ticketDecider, 'ticket', request.asOf);
    return withETag(response, current, view(current.state));
  }

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
    const current = await this.reader.read(streams.ticket(id), ticketDecider, 'ticket', request.asOf);
    return { ticketId: id, events: current.events.map(recordedEventJson) };
  }
}
