import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { ExpandContractCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { ExpandContractRequest } from './expand-contract.request.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class ExpandContractHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Adds ARR (an upsell or seat expansion) as a positive delta. */
  @Post(':id/expansions')
  @HttpCode(200)
  @CommandEndpoint('accounts:write')
  @ApiOkResponse({ type: CommandResponseDto })
  expandContract(
    @Param('id', IdPipe) id: string,
    @Body() request: ExpandContractRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new ExpandContractCommand(id, request, meta));
  }
}
