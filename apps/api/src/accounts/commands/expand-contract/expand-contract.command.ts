import { RequestCommand } from '../../../shared/request-command';
import type { ExpandContractRequest } from './expand-contract.request.dto';

export class ExpandContractCommand extends RequestCommand<ExpandContractRequest> {}
