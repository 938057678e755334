import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { EraseContactCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { ErasureRequest } from '../erase-account/erasure.request.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class EraseContactHttpController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Erases a contact's personal data (README, "Personal data"): deletes their key and records who,
   * when and why. Any contact the account ever had, also after churn; again, it changes nothing.
   */
  @Post(':id/contacts/:contactId/erasure')
  @HttpCode(200)
  @CommandEndpoint('privacy:erase')
  @ApiOkResponse({ type: CommandResponseDto })
  eraseContact(
    @Param('id', IdPipe) id: string,
    @Param('contactId', IdPipe) contactId: string,
    @Body() request: ErasureRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new EraseContactCommand(id, { contactId, reason: request.reason }, meta));
  }
}
