import { BusCommand } from '../../bus-command';
import type { ContractChange } from '../contract-change';

export type ContractContract = ContractChange;

export class ContractContractCommand extends BusCommand<ContractContract> {}
