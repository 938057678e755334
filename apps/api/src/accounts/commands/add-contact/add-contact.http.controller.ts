import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { AddContactCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { AddContactRequest } from './add-contact.request.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class AddContactHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Adds a contact (executive, technical, procurement or user) who may open tickets. */
  @Post(':id/contacts')
  @CommandEndpoint('accounts:write')
  @ApiCreatedResponse({ type: CommandResponseDto })
  addContact(
    @Param('id', IdPipe) id: string,
    @Body() request: AddContactRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new AddContactCommand(id, request, meta));
  }
}
