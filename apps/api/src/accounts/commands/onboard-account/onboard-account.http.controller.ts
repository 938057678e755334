import { randomUUID } from 'node:crypto';
import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { OnboardAccount, onboardAccount } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { ValidBody } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class OnboardAccountHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Onboards a customer account with its tier, contract and account manager.' })
  @Post()
  @CommandEndpoint('accounts:write', { creates: true })
  async onboardAccount(
    @ValidBody(OnboardAccount, 'OnboardAccountRequest') request: OnboardAccount,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    const id = request.id ?? randomUUID();
    return {
      ...(await this.commands.execute<Send, CommandResult>(new Send(onboardAccount(id, request), meta))),
      id,
    };
  }
}
