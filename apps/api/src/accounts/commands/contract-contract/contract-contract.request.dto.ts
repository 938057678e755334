import type { ContractContract } from '@app/commands';
import { ContractChangeRequest } from '../../contract-change.dto';

export class ContractContractRequest extends ContractChangeRequest implements ContractContract {}
