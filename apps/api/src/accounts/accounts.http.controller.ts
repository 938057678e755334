import { randomUUID } from 'node:crypto';
import { Controller, Delete, Get, Inject, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CLOCK, type Clock, type CommandMeta, type CommandResult } from '@app/commanding';
import { healthWeights, type AppConfig, type HealthFactor } from '@app/config';
import { accountDecider, streams } from '@app/domain';
import { asOfBound, EVENT_STORE, recordedEventJson, type EventStore } from '@app/event-store';
import { APP_CONFIG } from '@app/platform';
import { PersonalDataCipher } from '@app/privacy';
import { AccountHistory, accountStanding, accountSupportFacts, timelinePage } from '@app/projections';
import {
  addContact,
  AddContact,
  changeContract,
  ChangeOwner,
  changeOwner,
  ChangeTier,
  changeTier,
  churnAccount,
  ChurnAccount,
  ContractChange,
  eraseAccount,
  eraseContact,
  Erasure,
  OnboardAccount,
  onboardAccount,
  recordNps,
  RecordNps,
  removeContact,
  RenewContract,
  renewContract,
} from '@app/requests';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import type {
  AccountHealthResponse,
  AccountHistoryResponse,
  AccountResponse,
  AccountTimelineResponse,
} from '../openapi/responses';
import { ApiError } from '../shared/api-error';
import { Authorized } from '../shared/auth/auth.guard';
import { Commands } from '../shared/command-answer';
import { CommandEndpoint } from '../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../shared/command-meta.decorator';
import { CurrentStateReader } from '../shared/current-state.reader';
import { withETag } from '../shared/etag';
import { MinPosition, ReadsYourWrites } from '../shared/min-position.decorator';
import { AsOfRequest } from '../shared/query-shapes';
import { cursors, isLogPosition, ReadModels, ReadYourWrites, type Reached } from '../shared/read-model';
import { PathParam, ValidBody, ValidQuery } from '../shared/request.decorators';
import { GetAccountHistoryRequest, GetAccountTimelineRequest } from './accounts.requests';
import { healthScore } from './health-score';

/**
 * The accounts endpoints under /v1/accounts: the commands on an account; the account from its
 * stream and its history from the log; its timeline and health from the read models.
 */
@ApiTags('accounts')
@Controller('v1/accounts')
export class AccountsHttpController {
  private readonly weights: Record<HealthFactor, number>;

  constructor(
    private readonly commands: Commands,
    private readonly reader: CurrentStateReader,
    private readonly readModels: ReadModels,
    private readonly readYourWrites: ReadYourWrites,
    private readonly history: AccountHistory,
    private readonly cipher: PersonalDataCipher,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.weights = healthWeights(config);
  }

  @ApiOperation({ summary: 'Adds a contact (executive, technical, procurement or user) who may open tickets.' })
  @Post(':id/contacts')
  @CommandEndpoint('accounts:write', { creates: true })
  async addContact(
    @PathParam('id') id: string,
    @ValidBody(AddContact, 'AddContactRequest') request: AddContact,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    const contactId = request.id ?? randomUUID();
    return { ...(await this.commands.send(addContact(id, contactId, request), meta)), id: contactId };
  }

  @ApiOperation({ summary: 'Hands the account to another account manager.' })
  @Post(':id/owner')
  @CommandEndpoint('accounts:write')
  changeOwner(
    @PathParam('id') id: string,
    @ValidBody(ChangeOwner, 'ChangeOwnerRequest') request: ChangeOwner,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(changeOwner(id, request), meta);
  }

  @ApiOperation({ summary: 'Moves the account to another tier (strategic, growth, standard).' })
  @Post(':id/tier')
  @CommandEndpoint('accounts:write')
  changeTier(
    @PathParam('id') id: string,
    @ValidBody(ChangeTier, 'ChangeTierRequest') request: ChangeTier,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(changeTier(id, request), meta);
  }

  @ApiOperation({ summary: 'Records that the customer left; the account accepts nothing afterwards.' })
  @Post(':id/churn')
  @CommandEndpoint('accounts:write')
  churnAccount(
    @PathParam('id') id: string,
    @ValidBody(ChurnAccount, 'ChurnAccountRequest') request: ChurnAccount,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(churnAccount(id, request), meta);
  }

  @ApiOperation({ summary: 'Removes ARR (a downgrade) as a positive delta; churn is its own command.' })
  @Post(':id/contractions')
  @CommandEndpoint('accounts:write')
  contractContract(
    @PathParam('id') id: string,
    @ValidBody(ContractChange, 'ContractContractRequest') request: ContractChange,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(changeContract('ContractContract', id, request), meta);
  }

  @ApiOperation({
    summary:
      'Erases the personal data of a churned account and of every contact it ever had (docs/architecture.md, "Personal data"); the figures (ARR, SLA, retention) stay. Again, it changes nothing.',
  })
  @Post(':id/erasure')
  @CommandEndpoint('privacy:erase')
  eraseAccount(
    @PathParam('id') id: string,
    @ValidBody(Erasure, 'ErasureRequest') request: Erasure,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(eraseAccount(id, request), meta);
  }

  @ApiOperation({
    summary:
      'Erases a contact\'s personal data (docs/architecture.md, "Personal data"): deletes their key and records who, when and why. Any contact the account ever had, also after churn; again, it changes nothing.',
  })
  @Post(':id/contacts/:contactId/erasure')
  @CommandEndpoint('privacy:erase')
  eraseContact(
    @PathParam('id') id: string,
    @PathParam('contactId') contactId: string,
    @ValidBody(Erasure, 'ErasureRequest') request: Erasure,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(eraseContact(id, contactId, request), meta);
  }

  @ApiOperation({ summary: 'Adds ARR (an upsell or seat expansion) as a positive delta.' })
  @Post(':id/expansions')
  @CommandEndpoint('accounts:write')
  expandContract(
    @PathParam('id') id: string,
    @ValidBody(ContractChange, 'ExpandContractRequest') request: ContractChange,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(changeContract('ExpandContract', id, request), meta);
  }

  @ApiOperation({ summary: 'Onboards a customer account with its tier, contract and account manager.' })
  @Post()
  @CommandEndpoint('accounts:write', { creates: true })
  async onboardAccount(
    @ValidBody(OnboardAccount, 'OnboardAccountRequest') request: OnboardAccount,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    const id = request.id ?? randomUUID();
    return {
      ...(await this.commands.send(onboardAccount(id, request), meta)),
      id,
    };
  }

  @ApiOperation({ summary: 'Records a Net Promoter Score answer (0–10).' })
  @Post(':id/nps')
  @CommandEndpoint('accounts:write')
  recordNps(
    @PathParam('id') id: string,
    @ValidBody(RecordNps, 'RecordNpsRequest') request: RecordNps,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(recordNps(id, request), meta);
  }

  @ApiOperation({ summary: 'Removes a contact from the account.' })
  @Delete(':id/contacts/:contactId')
  @CommandEndpoint('accounts:write')
  removeContact(
    @PathParam('id') id: string,
    @PathParam('contactId') contactId: string,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(removeContact(id, contactId), meta);
  }

  @ApiOperation({ summary: 'Renews the contract with its new ARR and next renewal date.' })
  @Post(':id/renewals')
  @CommandEndpoint('accounts:write')
  renewContract(
    @PathParam('id') id: string,
    @ValidBody(RenewContract, 'RenewContractRequest') request: RenewContract,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(renewContract(id, request), meta);
  }

  @ApiOperation({
    summary:
      'The account as of its latest revision (the ETag), or as of `asOf`: tier, contract, owner, contacts, churn, last NPS.',
  })
  @Get(':id')
  @ApiAnswer('AccountResponse')
  @Authorized('read')
  async getAccount(
    @PathParam('id') id: string,
    @ValidQuery(AsOfRequest) request: AsOfRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccountResponse> {
    const current = await this.reader.read(streams.account(id), accountDecider, 'account', request.asOf);
    const { exists: _exists, accountId, ...account } = current.state;
    return withETag(response, current, { id: accountId, ...account });
  }

  @ApiOperation({
    summary:
      "The account's events as the log recorded them (its stream and its tickets'), in log order, with metadata; read from the log, in proportion to the account's own events. Paged by `cursor`.",
  })
  @Get(':id/history')
  @ApiAnswer('AccountHistoryResponse')
  @ReadsYourWrites('the log can be read up to')
  @Authorized('read')
  async getAccountHistory(
    @PathParam('id') accountId: string,
    @ValidQuery(GetAccountHistoryRequest) request: GetAccountHistoryRequest,
    @MinPosition() minPosition?: string,
  ): Promise<AccountHistoryResponse> {
    await this.readYourWrites.wait(
      minPosition,
      this.logReadableUpTo,
      (position) =>
        new ApiError(503, 'log_behind', `the log cannot be read up to position ${position} yet; retry shortly`, {
          minPosition: position,
        }),
    );
    const limit = request.limit ?? 100;
    const [after] = (cursors.decode(request.cursor, [isLogPosition]) ?? ['0']) as [string];
    const types = request.types && new Set(request.types);
    const events = (
      await this.history.events(accountId, request.asOf === undefined ? {} : asOfBound(request.asOf))
    ).filter((event) => event.position > BigInt(after) && (!types || types.has(event.type)));
    const page = events.slice(0, limit);
    return {
      accountId,
      events: page.map(recordedEventJson),
      nextCursor: events.length > limit ? cursors.encode([page[page.length - 1].position.toString()]) : null,
    };
  }

  @ApiOperation({
    summary: 'Every event of the account and its tickets in log order, with actor, time, summary and payload.',
  })
  @Get(':id/timeline')
  @ApiAnswer('AccountTimelineResponse')
  @ReadsYourWrites()
  @Authorized('read')
  async getAccountTimeline(
    @PathParam('id') accountId: string,
    @ValidQuery(GetAccountTimelineRequest) { limit, cursor, asOf, ...filter }: GetAccountTimelineRequest,
    @MinPosition() minPosition?: string,
  ): Promise<AccountTimelineResponse> {
    const [after] = (cursors.decode(cursor, [isLogPosition]) ?? ['0']) as [string];
    const bound = asOf === undefined ? undefined : isLogPosition(asOf) ? { position: asOf } : { recordedBy: asOf };
    const model = await this.readModels.open('timeline', minPosition);
    const page = await timelinePage(model, (events) => this.cipher.open(events), {
      accountId,
      after,
      filter: { ...filter, asOf: bound },
      limit: limit ?? 100,
    });
    return { accountId, entries: page.entries, nextCursor: page.next && cursors.encode([page.next]) };
  }

  @ApiOperation({ summary: "Health score 0–100 with its band and every factor's value, score and weight." })
  @Get(':id/health')
  @ApiAnswer('AccountHealthResponse')
  @ReadsYourWrites()
  @Authorized('read')
  async getAccountHealth(
    @PathParam('id') accountId: string,
    @MinPosition() minPosition?: string,
  ): Promise<AccountHealthResponse> {
    const now = this.clock.now();
    const [sla, retention] = await Promise.all([
      this.readModels.open('sla', minPosition),
      this.readModels.open('retention', minPosition),
    ]);
    // Each read model answers its own part, at once; an unknown account wastes one small query.
    const [standing, support] = await Promise.all([
      accountStanding(retention, accountId, now),
      accountSupportFacts(sla, accountId, now),
    ]);
    if (!standing)
      throw new ApiError(
        404,
        'account_not_found',
        `account ${accountId} does not exist (or is not in the read model yet)`,
      );
    const score = healthScore(
      { ...support, lastNps: standing.lastNps, daysToRenewal: standing.daysToRenewal },
      this.weights,
    );
    return { accountId, asOf: now.toISOString(), churned: standing.churned, ...score };
  }

  /** Read-your-writes on the log: a write is readable once no earlier transaction is still open. */
  private logReadableUpTo: Reached = async (position, timeoutMs) => {
    for (const deadline = Date.now() + timeoutMs; ; await new Promise((resolve) => setTimeout(resolve, 10))) {
      if ((await this.store.headPosition()) >= position) return true;
      if (Date.now() >= deadline) return false;
    }
  };
}
