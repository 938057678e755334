import { RequestCommand } from '../../../shared/request-command';
import type { RenewContractRequest } from './renew-contract.request.dto';

export class RenewContractCommand extends RequestCommand<RenewContractRequest> {}
