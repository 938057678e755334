import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { AddContact, AddContactCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class AddContactHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Adds a contact (executive, technical, procurement or user) who may open tickets.' })
  @Post(':id/contacts')
  @CommandEndpoint('accounts:write', { creates: true })
  addContact(
    @PathParam('id') id: string,
    @ValidBody(AddContact, 'AddContactRequest') request: AddContact,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new AddContactCommand(id, request, meta));
  }
}
