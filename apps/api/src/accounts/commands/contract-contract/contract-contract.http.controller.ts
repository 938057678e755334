import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { ContractContractCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { ContractContractRequest } from './contract-contract.request.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class ContractContractHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Removes ARR (a downgrade) as a positive delta; churn is its own command. */
  @Post(':id/contractions')
  @HttpCode(200)
  @CommandEndpoint('accounts:write')
  @ApiOkResponse({ type: CommandResponseDto })
  contractContract(
    @Param('id', IdPipe) id: string,
    @Body() request: ContractContractRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new ContractContractCommand(id, request, meta));
  }
}
