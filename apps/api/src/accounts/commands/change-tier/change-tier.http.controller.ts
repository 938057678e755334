import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { ChangeTier, changeTier } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class ChangeTierHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Moves the account to another tier (strategic, growth, standard).' })
  @Post(':id/tier')
  @CommandEndpoint('accounts:write')
  changeTier(
    @PathParam('id') id: string,
    @ValidBody(ChangeTier, 'ChangeTierRequest') request: ChangeTier,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(changeTier(id, request), meta));
  }
}
