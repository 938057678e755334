import { randomUUID } from 'node:crypto';
import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { OpenTicket, openTicket } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { ValidBody } from '../../../shared/request.decorators';

@ApiTags('tickets')
@Controller('v1/tickets')
export class OpenTicketHttpController {
  constructor(private readonly commands: CommandBus) {}

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
      ...(await this.commands.execute<Send, CommandResult>(new Send(openTicket(id, request), meta))),
      id,
    };
  }
}
