import { IsString, Length } from 'class-validator';

export class AddNoteRequest {
  /** The agent writing the note. */
  @IsString()
  @Length(1, 200)
  authorId: string;

  @IsString()
  @Length(1, 100_000)
  body: string;
}
