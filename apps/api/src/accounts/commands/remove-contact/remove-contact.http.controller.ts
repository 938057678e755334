import { Controller, Delete, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { RemoveContactCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';

@ApiTags('accounts')
@Controller('v1/accounts')
export class RemoveContactHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Removes a contact from the account. */
  @Delete(':id/contacts/:contactId')
  @CommandEndpoint('accounts:write')
  @ApiOkResponse({ type: CommandResponseDto })
  removeContact(
    @Param('id', IdPipe) id: string,
    @Param('contactId', IdPipe) contactId: string,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new RemoveContactCommand(id, contactId, meta));
  }
}
