import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { ContractChange, changeContract } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class ExpandContractHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Adds ARR (an upsell or seat expansion) as a positive delta.' })
  @Post(':id/expansions')
  @CommandEndpoint('accounts:write')
  expandContract(
    @PathParam('id') id: string,
    @ValidBody(ContractChange, 'ExpandContractRequest') request: ContractChange,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(changeContract('ExpandContract', id, request), meta));
  }
}
