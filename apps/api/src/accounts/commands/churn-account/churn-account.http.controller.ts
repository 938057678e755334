import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { ChurnAccountCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { ChurnAccountRequest } from './churn-account.request.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class ChurnAccountHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Records that the customer left; the account accepts nothing afterwards. */
  @Post(':id/churn')
  @HttpCode(200)
  @CommandEndpoint('accounts:write')
  @ApiOkResponse({ type: CommandResponseDto })
  churnAccount(
    @Param('id', IdPipe) id: string,
    @Body() request: ChurnAccountRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new ChurnAccountCommand(id, request, meta));
  }
}
