import { RequestCommand } from '../../../shared/request-command';
import type { OpenTicketRequest } from './open-ticket.request.dto';

export class OpenTicketCommand extends RequestCommand<OpenTicketRequest> {}
