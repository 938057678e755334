import { randomUUID } from 'node:crypto';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { OnboardAccountCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { OnboardAccountRequest } from './onboard-account.request.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class OnboardAccountHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Onboards a customer account with its tier, contract and account manager. */
  @Post()
  @CommandEndpoint('accounts:write')
  @ApiCreatedResponse({ type: CommandResponseDto })
  async onboardAccount(
    @Body() request: OnboardAccountRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    const id = request.id ?? randomUUID();
    return {
      ...(await this.commands.execute<OnboardAccountCommand, CommandResult>(
        new OnboardAccountCommand(id, request, meta),
      )),
      id,
    };
  }
}
