import { RequestCommand } from '../../../shared/request-command';
import type { MergeTicketRequest } from './merge-ticket.request.dto';

export class MergeTicketCommand extends RequestCommand<MergeTicketRequest> {}
