import { IsIn } from 'class-validator';
import { PRIORITIES, type Priority } from '@app/domain';
import type { ChangePriority } from '@app/commands';

export class ChangePriorityRequest implements ChangePriority {
  @IsIn(PRIORITIES, { message: `must be one of ${PRIORITIES.join(', ')}` })
  priority: Priority;
}
