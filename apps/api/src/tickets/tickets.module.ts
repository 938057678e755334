import { Module } from '@nestjs/common';
import { ApiSharedModule } from '../shared/api-shared.module';
import { AddNoteHandler } from './commands/add-note/add-note.handler';
import { AddNoteHttpController } from './commands/add-note/add-note.http.controller';
import { AddReplyHandler } from './commands/add-reply/add-reply.handler';
import { AddReplyHttpController } from './commands/add-reply/add-reply.http.controller';
import { AssignTicketHandler } from './commands/assign-ticket/assign-ticket.handler';
import { AssignTicketHttpController } from './commands/assign-ticket/assign-ticket.http.controller';
import { ChangePriorityHandler } from './commands/change-priority/change-priority.handler';
import { ChangePriorityHttpController } from './commands/change-priority/change-priority.http.controller';
import { ChangeStatusHandler } from './commands/change-status/change-status.handler';
import { ChangeStatusHttpController } from './commands/change-status/change-status.http.controller';
import { EscalateTicketHandler } from './commands/escalate-ticket/escalate-ticket.handler';
import { EscalateTicketHttpController } from './commands/escalate-ticket/escalate-ticket.http.controller';
import { MergeTicketHandler } from './commands/merge-ticket/merge-ticket.handler';
import { MergeTicketHttpController } from './commands/merge-ticket/merge-ticket.http.controller';
import { OpenTicketHandler } from './commands/open-ticket/open-ticket.handler';
import { OpenTicketHttpController } from './commands/open-ticket/open-ticket.http.controller';
import { RateCsatHandler } from './commands/rate-csat/rate-csat.handler';
import { RateCsatHttpController } from './commands/rate-csat/rate-csat.http.controller';
import { GetTicketHandler } from './queries/get-ticket/get-ticket.handler';
import { GetTicketHttpController } from './queries/get-ticket/get-ticket.http.controller';

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
  ],
  providers: [
    AddNoteHandler,
    AddReplyHandler,
    AssignTicketHandler,
    ChangePriorityHandler,
    ChangeStatusHandler,
    EscalateTicketHandler,
    MergeTicketHandler,
    OpenTicketHandler,
    RateCsatHandler,
    GetTicketHandler,
  ],
})
export class TicketsModule {}
