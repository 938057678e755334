import { RequestCommand } from '../../../shared/request-command';
import type { ChurnAccountRequest } from './churn-account.request.dto';

export class ChurnAccountCommand extends RequestCommand<ChurnAccountRequest> {}
