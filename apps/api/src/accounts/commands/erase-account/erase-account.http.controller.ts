import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { Erasure, eraseAccount } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class EraseAccountHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary:
      'Erases the personal data of a churned account and of every contact it ever had (docs/architecture.md, "Personal data"); the figures (ARR, SLA, retention) stay. Again, it changes nothing.',
  })
  @Post(':id/erasure')
  @CommandEndpoint('privacy:erase')
  eraseAccount(
    @PathParam('id') id: string,
    @ValidBody(Erasure, 'ErasureRequest') request: Erasure,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(eraseAccount(id, request), meta));
  }
}
