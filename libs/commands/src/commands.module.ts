import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandingModule } from '@app/commanding';
import { AggregateReader } from './aggregate-reader';
import { AddContactHandler } from './accounts/add-contact/add-contact.handler';
import { ChangeOwnerHandler } from './accounts/change-owner/change-owner.handler';
import { ChangeTierHandler } from './accounts/change-tier/change-tier.handler';
import { ChurnAccountHandler } from './accounts/churn-account/churn-account.handler';
import { ClearAccountRiskHandler } from './accounts/clear-account-risk/clear-account-risk.handler';
import { EraseAccountHandler } from './accounts/erase-account/erase-account.handler';
import { EraseContactHandler } from './accounts/erase-contact/erase-contact.handler';
import { ContractContractHandler } from './accounts/contract-contract/contract-contract.handler';
import { ExpandContractHandler } from './accounts/expand-contract/expand-contract.handler';
import { FlagAccountRiskHandler } from './accounts/flag-account-risk/flag-account-risk.handler';
import { OnboardAccountHandler } from './accounts/onboard-account/onboard-account.handler';
import { RecordNpsHandler } from './accounts/record-nps/record-nps.handler';
import { RemoveContactHandler } from './accounts/remove-contact/remove-contact.handler';
import { RenewContractHandler } from './accounts/renew-contract/renew-contract.handler';
import { DefineCalendarHandler } from './calendars/define-calendar/define-calendar.handler';
import { UpdateCalendarHandler } from './calendars/update-calendar/update-calendar.handler';
import { DefineSlaPolicyHandler } from './sla-policies/define-sla-policy/define-sla-policy.handler';
import { UpdateSlaPolicyHandler } from './sla-policies/update-sla-policy/update-sla-policy.handler';
import { AddNoteHandler } from './tickets/add-note/add-note.handler';
import { AddReplyHandler } from './tickets/add-reply/add-reply.handler';
import { AlertStrategicBreachHandler } from './tickets/alert-strategic-breach/alert-strategic-breach.handler';
import { AssignTicketHandler } from './tickets/assign-ticket/assign-ticket.handler';
import { ChangePriorityHandler } from './tickets/change-priority/change-priority.handler';
import { ChangeStatusHandler } from './tickets/change-status/change-status.handler';
import { ClearLowCsatHandler } from './tickets/clear-low-csat/clear-low-csat.handler';
import { EscalateTicketHandler } from './tickets/escalate-ticket/escalate-ticket.handler';
import { FlagLowCsatHandler } from './tickets/flag-low-csat/flag-low-csat.handler';
import { FlagUpdateDueHandler } from './tickets/flag-update-due/flag-update-due.handler';
import { MergeTicketHandler } from './tickets/merge-ticket/merge-ticket.handler';
import { OpenTicketHandler } from './tickets/open-ticket/open-ticket.handler';
import { RateCsatHandler } from './tickets/rate-csat/rate-csat.handler';
import { RecordSlaAtRiskHandler } from './tickets/record-sla-at-risk/record-sla-at-risk.handler';
import { RecordSlaBreachHandler } from './tickets/record-sla-breach/record-sla-breach.handler';
import { SlaPolicyWriter } from './sla-policies/sla-policy.writer';

/**
 * Every command handler on the CommandBus, with or without HTTP: the API's endpoints, the seed
 * simulator and the SLA clock's triggers all send their commands through these.
 */
@Module({
  imports: [CqrsModule, CommandingModule],
  providers: [
    AggregateReader,
    SlaPolicyWriter,
    AddContactHandler,
    ChangeOwnerHandler,
    ChangeTierHandler,
    ChurnAccountHandler,
    ClearAccountRiskHandler,
    ContractContractHandler,
    EraseAccountHandler,
    EraseContactHandler,
    ExpandContractHandler,
    FlagAccountRiskHandler,
    OnboardAccountHandler,
    RecordNpsHandler,
    RemoveContactHandler,
    RenewContractHandler,
    DefineCalendarHandler,
    UpdateCalendarHandler,
    DefineSlaPolicyHandler,
    UpdateSlaPolicyHandler,
    AddNoteHandler,
    AddReplyHandler,
    AlertStrategicBreachHandler,
    AssignTicketHandler,
    ChangePriorityHandler,
    ChangeStatusHandler,
    ClearLowCsatHandler,
    EscalateTicketHandler,
    FlagLowCsatHandler,
    FlagUpdateDueHandler,
    MergeTicketHandler,
    OpenTicketHandler,
    RateCsatHandler,
    RecordSlaAtRiskHandler,
    RecordSlaBreachHandler,
  ],
  exports: [CqrsModule, CommandingModule, AggregateReader],
})
export class CommandsModule {}
