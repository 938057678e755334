import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { RateCsat } from '@app/commands';

export class RateCsatRequest implements RateCsat {
  @IsInt()
  @Min(1)
  @Max(5)
  score: number;

  @IsOptional()
  @IsString()
  @Length(0, 5000)
  comment?: string;
}
