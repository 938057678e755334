import type { Static } from '@sinclair/typebox';
import { Strict, Text } from '@app/validation';
import { BusCommand } from '../../bus-command';

export const AddNote = Strict({
  authorId: Text(1, 200, { description: 'The agent writing the note.' }),
  body: Text(1, 100_000),
});
export type AddNote = Static<typeof AddNote>;

export class AddNoteCommand extends BusCommand<AddNote> {}
