import { RequestCommand } from '../../../shared/request-command';
import type { AssignTicketRequest } from './assign-ticket.request.dto';

export class AssignTicketCommand extends RequestCommand<AssignTicketRequest> {}
