import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { EraseAccountCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { ErasureRequest } from './erasure.request.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class EraseAccountHttpController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Erases the personal data of a churned account and of every contact it ever had (README,
   * "Personal data"); the figures (ARR, SLA, retention) stay. Again, it changes nothing.
   */
  @Post(':id/erasure')
  @HttpCode(200)
  @CommandEndpoint('privacy:erase')
  @ApiOkResponse({ type: CommandResponseDto })
  eraseAccount(
    @Param('id', IdPipe) id: string,
    @Body() request: ErasureRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new EraseAccountCommand(id, request, meta));
  }
}
