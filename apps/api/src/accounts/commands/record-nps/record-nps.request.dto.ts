import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { RecordNps } from '@app/commands';
import { ID_PATTERN } from '../../../shared/stream-id.pipe';

export class RecordNpsRequest implements RecordNps {
  @IsInt()
  @Min(0)
  @Max(10)
  score: number;

  /** The contact who answered, if known. */
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be a contact id' })
  contactId?: string;

  @IsOptional()
  @IsString()
  @Length(0, 5000)
  comment?: string;
}
