/** The answer of a command. */
export class CommandResponseDto {
  /** The stream the command wrote to, e.g. `ticket-8f0c…`. */
  streamId: string;
  /** The stream's revision after the command; also the ETag. */
  revision: number;
  /** Global log position of the last event, as a decimal string. */
  position: string;
  /** The id of the created resource (on creates). */
  id?: string;
}
