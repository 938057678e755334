import { BusCommand } from '../../bus-command';

export interface AddNote {
  authorId: string;
  body: string;
}

export class AddNoteCommand extends BusCommand<AddNote> {}
