import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { RateCsatCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { RateCsatRequest } from './rate-csat.request.dto';

@ApiTags('tickets')
@Controller('v1/tickets')
export class RateCsatHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Records the customer’s satisfaction rating (1–5) after solve. */
  @Post(':id/csat')
  @HttpCode(200)
  @CommandEndpoint('tickets:write')
  @ApiOkResponse({ type: CommandResponseDto })
  rateCsat(
    @Param('id', IdPipe) id: string,
    @Body() request: RateCsatRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new RateCsatCommand(id, request, meta));
  }
}
