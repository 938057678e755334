import { Module } from '@nestjs/common';
import { CommandSideModule } from '../shared/command-side.module';
import { ClearAccountRiskHandler } from './commands/clear-account-risk/clear-account-risk.handler';
import { FlagAccountRiskHandler } from './commands/flag-account-risk/flag-account-risk.handler';
import { AddContactHandler } from './commands/add-contact/add-contact.handler';
import { ChangeOwnerHandler } from './commands/change-owner/change-owner.handler';
import { ChangeTierHandler } from './commands/change-tier/change-tier.handler';
import { ChurnAccountHandler } from './commands/churn-account/churn-account.handler';
import { ContractContractHandler } from './commands/contract-contract/contract-contract.handler';
import { ExpandContractHandler } from './commands/expand-contract/expand-contract.handler';
import { OnboardAccountHandler } from './commands/onboard-account/onboard-account.handler';
import { RecordNpsHandler } from './commands/record-nps/record-nps.handler';
import { RemoveContactHandler } from './commands/remove-contact/remove-contact.handler';
import { RenewContractHandler } from './commands/renew-contract/renew-contract.handler';
import { GetAccountHandler } from './queries/get-account/get-account.handler';

/** The accounts command and query handlers, usable without HTTP. */
@Module({
  imports: [CommandSideModule],
  providers: [
    ClearAccountRiskHandler,
    FlagAccountRiskHandler,
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
