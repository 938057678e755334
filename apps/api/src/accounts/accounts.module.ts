import { Module } from '@nestjs/common';
import { ApiSharedModule } from '../shared/api-shared.module';
import { AddContactHandler } from './commands/add-contact/add-contact.handler';
import { AddContactHttpController } from './commands/add-contact/add-contact.http.controller';
import { ChangeOwnerHandler } from './commands/change-owner/change-owner.handler';
import { ChangeOwnerHttpController } from './commands/change-owner/change-owner.http.controller';
import { ChangeTierHandler } from './commands/change-tier/change-tier.handler';
import { ChangeTierHttpController } from './commands/change-tier/change-tier.http.controller';
import { ChurnAccountHandler } from './commands/churn-account/churn-account.handler';
import { ChurnAccountHttpController } from './commands/churn-account/churn-account.http.controller';
import { ContractContractHandler } from './commands/contract-contract/contract-contract.handler';
import { ContractContractHttpController } from './commands/contract-contract/contract-contract.http.controller';
import { ExpandContractHandler } from './commands/expand-contract/expand-contract.handler';
import { ExpandContractHttpController } from './commands/expand-contract/expand-contract.http.controller';
import { OnboardAccountHandler } from './commands/onboard-account/onboard-account.handler';
import { OnboardAccountHttpController } from './commands/onboard-account/onboard-account.http.controller';
import { RecordNpsHandler } from './commands/record-nps/record-nps.handler';
import { RecordNpsHttpController } from './commands/record-nps/record-nps.http.controller';
import { RemoveContactHandler } from './commands/remove-contact/remove-contact.handler';
import { RemoveContactHttpController } from './commands/remove-contact/remove-contact.http.controller';
import { RenewContractHandler } from './commands/renew-contract/renew-contract.handler';
import { RenewContractHttpController } from './commands/renew-contract/renew-contract.http.controller';
import { GetAccountHandler } from './queries/get-account/get-account.handler';
import { GetAccountHttpController } from './queries/get-account/get-account.http.controller';

@Module({
  imports: [ApiSharedModule],
  controllers: [
    AddContactHttpController,
    ChangeOwnerHttpController,
    ChangeTierHttpController,
    ChurnAccountHttpController,
    ContractContractHttpController,
    ExpandContractHttpController,
    OnboardAccountHttpController,
    RecordNpsHttpController,
    RemoveContactHttpController,
    RenewContractHttpController,
    GetAccountHttpController,
  ],
  providers: [
    AddContactHandler,
    ChangeOwnerHandler,
    ChangeTierHandler,
    ChurnAccountHandler,
    ContractContractHandler,
    ExpandContractHandler,
    OnboardAccountHandler,
    RecordNpsHandler,
    RemoveContactHandler,
    RenewContractHandler,
    GetAccountHandler,
  ],
})
export class AccountsModule {}
