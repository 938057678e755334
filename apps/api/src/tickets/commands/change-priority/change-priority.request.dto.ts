import { IsIn } from 'class-validator';
import { PRIORITIES, type Priority } from '@app/domain';

export class ChangePriorityRequest {
  @IsIn(PRIORITIES, { message: `must be one of ${PRIORITIES.join(', ')}` })
  priority: Priority;
}
