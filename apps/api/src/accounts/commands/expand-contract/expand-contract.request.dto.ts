import type { ExpandContract } from '@app/commands';
import { ContractChangeRequest } from '../../contract-change.dto';

export class ExpandContractRequest extends ContractChangeRequest implements ExpandContract {}
