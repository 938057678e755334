import { Module } from '@nestjs/common';
import { CommandSideModule } from '../shared/command-side.module';
import { AlertStrategicBreachHandler } from './commands/alert-strategic-breach/alert-strategic-breach.handler';
import { ClearLowCsatHandler } from './commands/clear-low-csat/clear-low-csat.handler';
import { FlagLowCsatHandler } from './commands/flag-low-csat/flag-low-csat.handler';
import { FlagUpdateDueHandler } from './commands/flag-update-due/flag-update-due.handler';
import { AddNoteHandler } from './commands/add-note/add-note.handler';
import { AddReplyHandler } from './commands/add-reply/add-reply.handler';
import { AssignTicketHandler } from './commands/assign-ticket/assign-ticket.handler';
import { ChangePriorityHandler } from './commands/change-priority/change-priority.handler';
import { ChangeStatusHandler } from './commands/change-status/change-status.handler';
import { EscalateTicketHandler } from './commands/escalate-ticket/escalate-ticket.handler';
import { MergeTicketHandler } from './commands/merge-ticket/merge-ticket.handler';
import { OpenTicketHandler } from './commands/open-ticket/open-ticket.handler';
import { RateCsatHandler } from './commands/rate-csat/rate-csat.handler';
import { RecordSlaAtRiskHandler } from './commands/record-sla-at-risk/record-sla-at-risk.handler';
import { RecordSlaBreachHandler } from './commands/record-sla-breach/record-sla-breach.handler';
import { GetTicketHandler } from './queries/get-ticket/get-ticket.handler';

/** The tickets command and query handlers, usable without HTTP. */
@Module({
  imports: [CommandSideModule],
  providers: [
    AlertStrategicBreachHandler,
    ClearLowCsatHandler,
    FlagLowCsatHandler,
    FlagUpdateDueHandler,
    AddNoteHandler,
    AddReplyHandler,
    AssignTicketHandler,
    ChangePriorityHandler,
    ChangeStatusHandler,
    EscalateTicketHandler,
    MergeTicketHandler,
    OpenTicketHandler,
    RateCsatHandler,
    RecordSlaAtRiskHandler,
    RecordSlaBreachHandler,
    GetTicketHandler,
  ],
})
export class TicketsModule {}
