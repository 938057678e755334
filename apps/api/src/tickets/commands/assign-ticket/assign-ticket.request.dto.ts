import { IsOptional, IsString, Length } from 'class-validator';
import type { AssignTicket } from '@app/commands';

export class AssignTicketRequest implements AssignTicket {
  /** The queue, e.g. tier-1 or billing. */
  @IsString()
  @Length(1, 200)
  group: string;

  /** The agent, or left out for the group's queue. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  agentId?: string;
}
