import { IsOptional } from 'class-validator';
import { IsPositionOrInstant } from './common.dto';

/** Time travel on one aggregate's state. */
export class AsOfRequest {
  /**
   * The state as of this instant (ISO 8601, by the time the log recorded each event) or log position
   * (digits), folded from the stream's own events; now when left out.
   */
  @IsOptional()
  @IsPositionOrInstant()
  asOf?: string;
}
