import { ContractChangeRequest } from '../../contract-change.dto';

export class ContractContractRequest extends ContractChangeRequest {}
