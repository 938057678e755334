import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { ChangeOwnerCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { ChangeOwnerRequest } from './change-owner.request.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class ChangeOwnerHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Hands the account to another account manager. */
  @Post(':id/owner')
  @HttpCode(200)
  @CommandEndpoint('accounts:write')
  @ApiOkResponse({ type: CommandResponseDto })
  changeOwner(
    @Param('id', IdPipe) id: string,
    @Body() request: ChangeOwnerRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new ChangeOwnerCommand(id, request, meta));
  }
}
