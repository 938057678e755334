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
export class ContractContractHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Removes ARR (a downgrade) as a positive delta; churn is its own command.' })
  @Post(':id/contractions')
  @CommandEndpoint('accounts:write')
  contractContract(
    @PathParam('id') id: string,
    @ValidBody(ContractChange, 'ContractContractRequest') request: ContractChange,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(changeContract('ContractContract', id, request), meta));
  }
}
