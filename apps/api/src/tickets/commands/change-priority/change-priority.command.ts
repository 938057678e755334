import { RequestCommand } from '../../../shared/request-command';
import type { ChangePriorityRequest } from './change-priority.request.dto';

export class ChangePriorityCommand extends RequestCommand<ChangePriorityRequest> {}
