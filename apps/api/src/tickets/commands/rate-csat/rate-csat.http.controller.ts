import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { RateCsat, rateCsat } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('tickets')
@Controller('v1/tickets')
export class RateCsatHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Records the customer’s satisfaction rating (1–5) after solve.' })
  @Post(':id/csat')
  @CommandEndpoint('tickets:write')
  rateCsat(
    @PathParam('id') id: string,
    @ValidBody(RateCsat, 'RateCsatRequest') request: RateCsat,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(rateCsat(id, request), meta));
  }
}
