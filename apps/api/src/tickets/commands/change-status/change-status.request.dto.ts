import { IsIn } from 'class-validator';

export class ChangeStatusRequest {
  @IsIn(['open', 'pending', 'on_hold', 'solved', 'closed'], { message: 'must be open, pending, on_hold, solved or closed' })
  status: 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
}
