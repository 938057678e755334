import type { Priority } from '@app/domain';
import { BusCommand } from '../../bus-command';

export interface ChangePriority {
  priority: Priority;
}

export class ChangePriorityCommand extends BusCommand<ChangePriority> {}
