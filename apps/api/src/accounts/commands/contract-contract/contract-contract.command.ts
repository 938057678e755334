import { RequestCommand } from '../../../shared/request-command';
import type { ContractContractRequest } from './contract-contract.request.dto';

export class ContractContractCommand extends RequestCommand<ContractContractRequest> {}
