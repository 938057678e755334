import { ContractChangeRequest } from '../../contract-change.dto';
import type { ExpandContract } from '@app/commands';

export class ExpandContractRequest extends ContractChangeRequest implements ExpandContract {}
