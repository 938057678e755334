import { Controller, Delete } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { removeContact } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class RemoveContactHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Removes a contact from the account.' })
  @Delete(':id/contacts/:contactId')
  @CommandEndpoint('accounts:write')
  removeContact(
    @PathParam('id') id: string,
    @PathParam('contactId') contactId: string,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(removeContact(id, contactId), meta));
  }
}
