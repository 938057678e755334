import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import type { AddReply } from '@app/commands';
import { NestedObject } from '../../../shared/common.dto';

export class ReplyAuthorDto {
  @IsIn(['agent', 'customer'], { message: 'must be agent or customer' })
  kind: 'agent' | 'customer';

  /** Agent id, or the contact id for a customer. */
  @IsString()
  @Length(1, 200)
  id: string;
}

export class AddReplyRequest implements AddReply {
  /** Who wrote the reply; the caller recorded in metadata comes from the token. */
  @NestedObject(() => ReplyAuthorDto)
  author: ReplyAuthorDto;

  /** Public replies are seen by the customer; customer replies are always public. */
  @IsBoolean()
  public: boolean;

  @IsString()
  @Length(1, 100_000)
  body: string;
}
