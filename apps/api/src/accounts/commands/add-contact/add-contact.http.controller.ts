import { randomUUID } from 'node:crypto';
import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { AddContact, addContact } from '@app/requests';
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
  async addContact(
    @PathParam('id') id: string,
    @ValidBody(AddContact, 'AddContactRequest') request: AddContact,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    const contactId = request.id ?? randomUUID();
    const sent = new Send(addContact(id, contactId, request), meta);
    return { ...(await this.commands.execute<Send, CommandResult>(sent)), id: contactId };
  }
}
