import { RequestCommand } from '../../../shared/request-command';
import type { ChangeTierRequest } from './change-tier.request.dto';

export class ChangeTierCommand extends RequestCommand<ChangeTierRequest> {}
