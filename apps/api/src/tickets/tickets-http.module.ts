import { Module } from '@nestjs/common';
import { ApiSharedModule } from '../shared/api-shared.module';
import { GetTicketHandler } from './queries/get-ticket/get-ticket.handler';
import { AddNoteHttpController } from './commands/add-note/add-note.http.controller';
import { AddReplyHttpController } from './commands/add-reply/add-reply.http.controller';
import { AssignTicketHttpController } from './commands/assign-ticket/assign-ticket.http.controller';
import { ChangePriorityHttpController } from './commands/change-priority/change-priority.http.controller';
import { ChangeStatusHttpController } from './commands/change-status/change-status.http.controller';
import { EscalateTicketHttpController } from './commands/escalate-ticket/escalate-ticket.http.controller';
import { MergeTicketHttpController } from './commands/merge-ticket/merge-ticket.http.controller';
import { OpenTicketHttpController } from './commands/open-ticket/open-ticket.http.controller';
import { RateCsatHttpController } from './commands/rate-csat/rate-csat.http.controller';
import { GetTicketHttpController } from './queries/get-ticket/get-ticket.http.controller';
import { GetTicketHistoryHttpController } from './queries/get-ticket-history/get-ticket-history.http.controller';

/** The tickets endpoints under /v1. */
@Module({
  imports: [ApiSharedModule],
  controllers: [
    AddNoteHttpController,
    AddReplyHttpController,
    AssignTicketHttpController,
    ChangePriorityHttpController,
    ChangeStatusHttpController,
    EscalateTicketHttpController,
    MergeTicketHttpController,
    OpenTicketHttpController,
    RateCsatHttpController,
    GetTicketHttpController,
    GetTicketHistoryHttpController,
  ],
  providers: [GetTicketHandler],
})
export class TicketsHttpModule {}
