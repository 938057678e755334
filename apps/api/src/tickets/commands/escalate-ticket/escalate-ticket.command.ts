import { RequestCommand } from '../../../shared/request-command';
import type { EscalateTicketRequest } from './escalate-ticket.request.dto';

export class EscalateTicketCommand extends RequestCommand<EscalateTicketRequest> {}
