import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { TIERS, type Tier } from '@app/domain';
import type { OnboardAccount } from '@app/commands';
import { CreateRequest, IsCalendarDate, IsIanaTimeZone, MoneyDto, NestedObject } from '../../../shared/common.dto';
import { ID_PATTERN } from '../../../shared/stream-id.pipe';

export class OnboardAccountRequest extends CreateRequest implements OnboardAccount {
  @IsString()
  @Length(1, 200)
  name: string;

  @IsIn(TIERS, { message: `must be one of ${TIERS.join(', ')}` })
  tier: Tier;

  /** Annual recurring revenue. */
  @NestedObject(() => MoneyDto)
  arr: MoneyDto;

  /** YYYY-MM-DD */
  @IsCalendarDate()
  contractStart: string;

  /** YYYY-MM-DD, after contractStart. */
  @IsCalendarDate()
  renewalDate: string;

  /** The account manager. */
  @IsString()
  @Length(1, 200)
  ownerId: string;

  /** IANA time zone of the customer, e.g. Europe/Berlin. */
  @IsString()
  @Length(1, 64)
  @IsIanaTimeZone()
  timeZone: string;

  /** An SLA policy for this account that beats matching by tier. */
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be an SLA policy id' })
  slaPolicyId?: string;
}
