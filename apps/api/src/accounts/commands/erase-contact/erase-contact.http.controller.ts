import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { Erasure, eraseContact } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class EraseContactHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary:
      'Erases a contact\'s personal data (docs/architecture.md, "Personal data"): deletes their key and records who, when and why. Any contact the account ever had, also after churn; again, it changes nothing.',
  })
  @Post(':id/contacts/:contactId/erasure')
  @CommandEndpoint('privacy:erase')
  eraseContact(
    @PathParam('id') id: string,
    @PathParam('contactId') contactId: string,
    @ValidBody(Erasure, 'ErasureRequest') request: Erasure,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(eraseContact(id, contactId, request), meta));
  }
}
