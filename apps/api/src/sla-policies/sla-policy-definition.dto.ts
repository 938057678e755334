import { applyDecorators } from '@nestjs/common';
import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { SlaPolicyInput } from '@app/commands';
import { TIERS, type Tier } from '@app/domain';
import { NestedObject, OptionalNestedObject } from '../shared/common.dto';
import { ID_PATTERN } from '../shared/stream-id.pipe';

const minutes = () => applyDecorators(IsOptional(), IsInt(), Min(1), Max(366 * 24 * 60));

/** Target business minutes per metric; leave one out for no target. */
export class TargetsDto {
  @minutes() first_response?: number;
  @minutes() next_response?: number;
  @minutes() resolution?: number;
}

const targets = () => OptionalNestedObject(() => TargetsDto);

export class TargetsByPriorityDto {
  @targets() low?: TargetsDto;
  @targets() normal?: TargetsDto;
  @targets() high?: TargetsDto;
  @targets() urgent?: TargetsDto;
}

export class SlaPolicyDefinitionDto implements SlaPolicyInput {
  @IsString()
  @Length(1, 200)
  name: string;

  /** Tiers the policy applies to; among matching policies the first defined wins. */
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(TIERS, { each: true, message: `each tier must be one of ${TIERS.join(', ')}` })
  tiers: Tier[];

  /** Business calendar id; null or left out means 24/7. */
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be a calendar id' })
  calendarId?: string | null;

  @NestedObject(() => TargetsByPriorityDto)
  targets: TargetsByPriorityDto;

  /** Statuses that stop the clock (default pending and on_hold). */
  @IsOptional()
  @IsArray()
  @IsIn(['pending', 'on_hold'], { each: true, message: 'each pause status must be pending or on_hold' })
  pauseStatuses?: Array<'pending' | 'on_hold'>;

  /** Business minutes before due at which a target is at risk (default 15). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24 * 60)
  atRiskMinutes?: number;
}
