import { BusCommand } from '../../bus-command';
import type { SlaPolicyInput } from '../sla-policy-input';

export class DefineSlaPolicyCommand extends BusCommand<SlaPolicyInput> {}
