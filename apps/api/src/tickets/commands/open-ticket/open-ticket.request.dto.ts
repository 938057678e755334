import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CHANNELS, PRIORITIES, type Channel, type Priority } from '@app/domain';
import type { OpenTicket } from '@app/commands';
import { CreateRequest } from '../../../shared/common.dto';
import { ID_PATTERN } from '../../../shared/stream-id.pipe';

export class OpenTicketRequest extends CreateRequest implements OpenTicket {
  @Matches(ID_PATTERN, { message: 'must be an account id' })
  accountId: string;

  /** The account's contact who asks. */
  @Matches(ID_PATTERN, { message: 'must be a contact id' })
  contactId: string;

  @IsString()
  @Length(1, 500)
  subject: string;

  @IsOptional()
  @IsString()
  @Length(0, 100_000)
  description?: string;

  @IsIn(CHANNELS, { message: `must be one of ${CHANNELS.join(', ')}` })
  channel: Channel;

  @IsIn(PRIORITIES, { message: `must be one of ${PRIORITIES.join(', ')}` })
  priority: Priority;

  /** Free-form category, e.g. billing, authentication. */
  @IsString()
  @Length(1, 200)
  category: string;
}
