import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { RenewContractCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { RenewContractRequest } from './renew-contract.request.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class RenewContractHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Renews the contract with its new ARR and next renewal date. */
  @Post(':id/renewals')
  @HttpCode(200)
  @CommandEndpoint('accounts:write')
  @ApiOkResponse({ type: CommandResponseDto })
  renewContract(
    @Param('id', IdPipe) id: string,
    @Body() request: RenewContractRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new RenewContractCommand(id, request, meta));
  }
}
