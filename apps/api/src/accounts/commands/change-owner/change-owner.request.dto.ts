import { IsString, Length } from 'class-validator';

export class ChangeOwnerRequest {
  /** The account manager's id. */
  @IsString()
  @Length(1, 200)
  ownerId: string;
}
