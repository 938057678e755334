import { BusCommand } from '../../bus-command';
import type { SlaPolicyInput } from '../sla-policy-input';

export class UpdateSlaPolicyCommand extends BusCommand<SlaPolicyInput> {}
