import { randomUUID } from 'node:crypto';
import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { AddNote, addNote } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('tickets')
@Controller('v1/tickets')
export class AddNoteHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Adds an internal note; the customer never sees it and it does not answer any SLA.' })
  @Post(':id/notes')
  @CommandEndpoint('tickets:write')
  addNote(
    @PathParam('id') id: string,
    @ValidBody(AddNote, 'AddNoteRequest') request: AddNote,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(addNote(id, randomUUID(), request), meta));
  }
}
