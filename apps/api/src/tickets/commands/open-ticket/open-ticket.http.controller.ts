import { randomUUID } from 'node:crypto';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { OpenTicketCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { OpenTicketRequest } from './open-ticket.request.dto';

@ApiTags('tickets')
@Controller('v1/tickets')
export class OpenTicketHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Opens a ticket for an account's contact; the matching SLA policy is copied into it and its clocks start. */
  @Post()
  @CommandEndpoint('tickets:write')
  @ApiCreatedResponse({ type: CommandResponseDto })
  async openTicket(@Body() request: OpenTicketRequest, @CommandMetaOf() meta: CommandMeta): Promise<CommandResult> {
    const id = request.id ?? randomUUID();
    return {
      ...(await this.commands.execute<OpenTicketCommand, CommandResult>(new OpenTicketCommand(id, request, meta))),
      id,
    };
  }
}
