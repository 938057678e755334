import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, IsOptional, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import type { CalendarInput } from '@app/commands';
import { IsIanaTimeZone, NestedObject } from '../shared/common.dto';

export class IntervalDto {
  /** Local start time, HH:MM. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:MM' })
  start: string;

  /** Local end time, HH:MM; 24:00 is the end of the day. */
  @Matches(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'must be HH:MM or 24:00' })
  end: string;
}

// Left out, the day is closed; null is not leaving it out.
const day = () =>
  applyDecorators(
    ValidateIf((_, value) => value !== undefined),
    IsArray({ message: 'must be an array of intervals' }),
    IsObject({ each: true, message: 'each interval must be an object' }),
    ValidateNested({ each: true }),
    Type(() => IntervalDto),
  );

/** Working intervals per weekday; a day left out is closed. */
export class WeeklyHoursDto {
  @day() mon?: IntervalDto[];
  @day() tue?: IntervalDto[];
  @day() wed?: IntervalDto[];
  @day() thu?: IntervalDto[];
  @day() fri?: IntervalDto[];
  @day() sat?: IntervalDto[];
  @day() sun?: IntervalDto[];
}

export class CalendarDefinitionDto implements CalendarInput {
  @IsString()
  @Length(1, 200)
  name: string;

  /** IANA time zone, e.g. America/New_York. */
  @IsString()
  @Length(1, 64)
  @IsIanaTimeZone()
  timeZone: string;

  @NestedObject(() => WeeklyHoursDto)
  weeklyHours: WeeklyHoursDto;

  /** Dates (YYYY-MM-DD, in the calendar's zone) with no working hours. */
  @IsOptional()
  @IsArray()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'each holiday must be a YYYY-MM-DD date' })
  holidays?: string[];
}
