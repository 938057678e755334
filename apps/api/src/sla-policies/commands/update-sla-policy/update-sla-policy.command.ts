import { RequestCommand } from '../../../shared/request-command';
import type { UpdateSlaPolicyRequest } from './update-sla-policy.request.dto';

export class UpdateSlaPolicyCommand extends RequestCommand<UpdateSlaPolicyRequest> {}
