import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsISO8601,
  isISO8601,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { isTimeZone } from '@app/domain';
import { isLogPosition } from './read-model';
import { ID_PATTERN } from './stream-id.pipe';

/** Money in integer minor units (cents) and an ISO 4217 currency. */
export class MoneyDto {
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountMinor: number;

  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code like USD' })
  currency: string;
}

/** Optional client-chosen id for a create (letters, digits, _ and -; at most 64); a UUID is generated if left out. */
export class CreateRequest {
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be 1–64 letters, digits, _ or -, starting with a letter or digit' })
  id?: string;
}

type DtoClass = new () => object;

/**
 * A nested object the request must carry: not missing, not null, not an array, and valid itself.
 * (`ValidateNested` alone lets a missing or null object through to the handler.)
 */
export function NestedObject(type: () => DtoClass): PropertyDecorator {
  return applyDecorators(
    IsDefined({ message: 'is required' }),
    IsObject({ message: 'must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

/** A nested object the request may leave out; null or an array is not leaving it out. */
export function OptionalNestedObject(type: () => DtoClass): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_, value) => value !== undefined),
    IsObject({ message: 'must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

/** An IANA time zone name, checked with the request's other fields, before any state is looked up. */
export function IsIanaTimeZone(): PropertyDecorator {
  return ValidateBy({
    name: 'isIanaTimeZone',
    validator: {
      validate: (value) => typeof value === 'string' && isTimeZone(value),
      defaultMessage: (args) => `unknown IANA time zone '${String(args?.value)}'`,
    },
  });
}

/** A real instant, date and time, ISO 8601 (2026-02-30T00:00:00Z, a bare 2026-07 or the year 0000 are refused). */
const isIsoInstant = (value: unknown): boolean =>
  typeof value === 'string' && /^(?!0000)\d{4}-\d{2}-\d{2}T/.test(value) && isISO8601(value, { strict: true });

export function IsIsoInstant(): PropertyDecorator {
  return ValidateBy({
    name: 'isIsoInstant',
    validator: {
      validate: isIsoInstant,
      defaultMessage: () => 'must be an ISO 8601 instant, e.g. 2026-07-01T00:00:00Z',
    },
  });
}

/** A log position (a 64-bit integer in digits) or a real ISO 8601 instant. */
export function IsPositionOrInstant(): PropertyDecorator {
  return ValidateBy({
    name: 'isPositionOrInstant',
    validator: {
      validate: (value) => isLogPosition(value) || isIsoInstant(value),
      defaultMessage: () => 'must be a log position or an ISO 8601 instant',
    },
  });
}

/**
 * An integer query parameter, in decimal digits only: a plain Number() reads "0x10" as 16, "1e3"
 * as 1000 and "" as 0. Anything else fails the IsInt that follows.
 */
export function IntegerQuery(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value));
}

/** A real calendar date, YYYY-MM-DD (2026-02-30 is refused). */
export function IsCalendarDate(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a YYYY-MM-DD date' }),
    IsISO8601({ strict: true }, { message: 'must be a real calendar date' }),
  );
}
