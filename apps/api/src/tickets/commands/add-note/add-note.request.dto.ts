import { IsString, Length } from 'class-validator';
import type { AddNote } from '@app/commands';

export class AddNoteRequest implements AddNote {
  /** The agent writing the note. */
  @IsString()
  @Length(1, 200)
  authorId: string;

  @IsString()
  @Length(1, 100_000)
  body: string;
}
