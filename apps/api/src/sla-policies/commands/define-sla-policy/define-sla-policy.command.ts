import { RequestCommand } from '../../../shared/request-command';
import type { DefineSlaPolicyRequest } from './define-sla-policy.request.dto';

export class DefineSlaPolicyCommand extends RequestCommand<DefineSlaPolicyRequest> {}
