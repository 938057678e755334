import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { RecordNpsCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { RecordNpsRequest } from './record-nps.request.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class RecordNpsHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a Net Promoter Score answer (0–10). */
  @Post(':id/nps')
  @HttpCode(200)
  @CommandEndpoint('accounts:write')
  @ApiOkResponse({ type: CommandResponseDto })
  recordNps(
    @Param('id', IdPipe) id: string,
    @Body() request: RecordNpsRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new RecordNpsCommand(id, request, meta));
  }
}
