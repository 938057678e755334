import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { ChangeTierCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { ChangeTierRequest } from './change-tier.request.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class ChangeTierHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Moves the account to another tier (strategic, growth, standard). */
  @Post(':id/tier')
  @HttpCode(200)
  @CommandEndpoint('accounts:write')
  @ApiOkResponse({ type: CommandResponseDto })
  changeTier(
    @Param('id', IdPipe) id: string,
    @Body() request: ChangeTierRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new ChangeTierCommand(id, request, meta));
  }
}
