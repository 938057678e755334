import { Module } from '@nestjs/common';
import { ApiSharedModule } from '../shared/api-shared.module';
import { GetAccountHandler } from './queries/get-account/get-account.handler';
import { GetAccountHistoryHandler } from './queries/get-account-history/get-account-history.handler';
import { GetAccountHistoryHttpController } from './queries/get-account-history/get-account-history.http.controller';
import { GetAccountHealthHttpController } from './queries/get-account-health/get-account-health.http.controller';
import { GetAccountTimelineHttpController } from './queries/get-account-timeline/get-account-timeline.http.controller';
import { AddContactHttpController } from './commands/add-contact/add-contact.http.controller';
import { ChangeOwnerHttpController } from './commands/change-owner/change-owner.http.controller';
import { ChangeTierHttpController } from './commands/change-tier/change-tier.http.controller';
import { ChurnAccountHttpController } from './commands/churn-account/churn-account.http.controller';
import { EraseAccountHttpController } from './commands/erase-account/erase-account.http.controller';
import { EraseContactHttpController } from './commands/erase-contact/erase-contact.http.controller';
import { ContractContractHttpController } from './commands/contract-contract/contract-contract.http.controller';
import { ExpandContractHttpController } from './commands/expand-contract/expand-contract.http.controller';
import { OnboardAccountHttpController } from './commands/onboard-account/onboard-account.http.controller';
import { RecordNpsHttpController } from './commands/record-nps/record-nps.http.controller';
import { RemoveContactHttpController } from './commands/remove-contact/remove-contact.http.controller';
import { RenewContractHttpController } from './commands/renew-contract/renew-contract.http.controller';
import { GetAccountHttpController } from './queries/get-account/get-account.http.controller';

/** The accounts endpoints under /v1. */
@Module({
  imports: [ApiSharedModule],
  controllers: [
    AddContactHttpController,
    ChangeOwnerHttpController,
    ChangeTierHttpController,
    ChurnAccountHttpController,
    ContractContractHttpController,
    EraseAccountHttpController,
    EraseContactHttpController,
    ExpandContractHttpController,
    OnboardAccountHttpController,
    RecordNpsHttpController,
    RemoveContactHttpController,
    RenewContractHttpController,
    GetAccountHttpController,
    GetAccountTimelineHttpController,
    GetAccountHealthHttpController,
    GetAccountHistoryHttpController,
  ],
  providers: [GetAccountHandler, GetAccountHistoryHandler],
})
export class AccountsHttpModule {}
