import { RequestCommand } from '../../../shared/request-command';
import type { AddReplyRequest } from './add-reply.request.dto';

export class AddReplyCommand extends RequestCommand<AddReplyRequest> {}
