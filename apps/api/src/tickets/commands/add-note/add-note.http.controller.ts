import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { AddNoteCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { AddNoteRequest } from './add-note.request.dto';

@ApiTags('tickets')
@Controller('v1/tickets')
export class AddNoteHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Adds an internal note; the customer never sees it and it does not answer any SLA. */
  @Post(':id/notes')
  @HttpCode(200)
  @CommandEndpoint('tickets:write')
  @ApiOkResponse({ type: CommandResponseDto })
  addNote(
    @Param('id', IdPipe) id: string,
    @Body() request: AddNoteRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new AddNoteCommand(id, request, meta));
  }
}
