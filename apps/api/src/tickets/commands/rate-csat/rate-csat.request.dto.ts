import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class RateCsatRequest {
  @IsInt()
  @Min(1)
  @Max(5)
  score: number;

  @IsOptional()
  @IsString()
  @Length(0, 5000)
  comment?: string;
}
