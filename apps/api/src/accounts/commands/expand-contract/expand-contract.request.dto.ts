import { ContractChangeRequest } from '../../contract-change.dto';

export class ExpandContractRequest extends ContractChangeRequest {}
