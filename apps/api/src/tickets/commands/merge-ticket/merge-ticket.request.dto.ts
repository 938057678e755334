import { Matches } from 'class-validator';
import type { MergeTicket } from '@app/commands';
import { ID_PATTERN } from '../../../shared/stream-id.pipe';

export class MergeTicketRequest implements MergeTicket {
  /** The open ticket of the same account that absorbs this one. */
  @Matches(ID_PATTERN, { message: 'must be a ticket id' })
  intoTicketId: string;
}
