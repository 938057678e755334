import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { ChurnAccount, churnAccount } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class ChurnAccountHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Records that the customer left; the account accepts nothing afterwards.' })
  @Post(':id/churn')
  @CommandEndpoint('accounts:write')
  churnAccount(
    @PathParam('id') id: string,
    @ValidBody(ChurnAccount, 'ChurnAccountRequest') request: ChurnAccount,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(churnAccount(id, request), meta));
  }
}
