import { IsString, Length } from 'class-validator';
import type { ChangeOwner } from '@app/commands';

export class ChangeOwnerRequest implements ChangeOwner {
  /** The account manager's id. */
  @IsString()
  @Length(1, 200)
  ownerId: string;
}
