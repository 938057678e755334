import { IsString, Length } from 'class-validator';
import type { EraseAccount } from '@app/commands';

/** The body of both erasure requests. */
export class ErasureRequest implements EraseAccount {
  /** Why, for the audit trail: a ticket or request reference. Never put personal data here: it is kept. */
  @IsString()
  @Length(1, 500)
  reason: string;
}
