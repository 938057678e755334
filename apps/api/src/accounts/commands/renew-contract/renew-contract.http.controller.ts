import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { RenewContract, renewContract } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class RenewContractHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Renews the contract with its new ARR and next renewal date.' })
  @Post(':id/renewals')
  @CommandEndpoint('accounts:write')
  renewContract(
    @PathParam('id') id: string,
    @ValidBody(RenewContract, 'RenewContractRequest') request: RenewContract,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(renewContract(id, request), meta));
  }
}
