import { ContractChangeRequest } from '../../contract-change.dto';
import type { ContractContract } from '@app/commands';

export class ContractContractRequest extends ContractChangeRequest implements ContractContract {}
