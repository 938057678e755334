import { BusCommand } from '../../bus-command';
import type { ContractChange } from '../contract-change';

export type ExpandContract = ContractChange;

export class ExpandContractCommand extends BusCommand<ExpandContract> {}
