import { Controller, Delete } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { RemoveContactCommand } from '@app/commands';
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
    return this.commands.execute(new RemoveContactCommand(id, contactId, meta));
  }
}
