import { IsIn } from 'class-validator';
import type { ChangeStatus } from '@app/commands';

export class ChangeStatusRequest implements ChangeStatus {
  @IsIn(['open', 'pending', 'on_hold', 'solved', 'closed'], {
    message: 'must be open, pending, on_hold, solved or closed',
  })
  status: 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
}
