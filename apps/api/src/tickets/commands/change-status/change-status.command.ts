import { RequestCommand } from '../../../shared/request-command';
import type { ChangeStatusRequest } from './change-status.request.dto';

export class ChangeStatusCommand extends RequestCommand<ChangeStatusRequest> {}
