import { RequestCommand } from '../../../shared/request-command';
import type { OnboardAccountRequest } from './onboard-account.request.dto';

export class OnboardAccountCommand extends RequestCommand<OnboardAccountRequest> {}
