import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { ChangeOwner, changeOwner } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class ChangeOwnerHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Hands the account to another account manager.' })
  @Post(':id/owner')
  @CommandEndpoint('accounts:write')
  changeOwner(
    @PathParam('id') id: string,
    @ValidBody(ChangeOwner, 'ChangeOwnerRequest') request: ChangeOwner,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(changeOwner(id, request), meta));
  }
}
