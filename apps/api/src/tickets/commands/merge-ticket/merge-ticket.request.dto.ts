import { Matches } from 'class-validator';
import { ID_PATTERN } from '../../../shared/stream-id.pipe';

export class MergeTicketRequest {
  /** The open ticket of the same account that absorbs this one. */
  @Matches(ID_PATTERN, { message: 'must be a ticket id' })
  intoTicketId: string;
}
