import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { RecordNps, recordNps } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class RecordNpsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Records a Net Promoter Score answer (0–10).' })
  @Post(':id/nps')
  @CommandEndpoint('accounts:write')
  recordNps(
    @PathParam('id') id: string,
    @ValidBody(RecordNps, 'RecordNpsRequest') request: RecordNps,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(recordNps(id, request), meta));
  }
}
