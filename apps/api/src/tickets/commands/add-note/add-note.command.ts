import { RequestCommand } from '../../../shared/request-command';
import type { AddNoteRequest } from './add-note.request.dto';

export class AddNoteCommand extends RequestCommand<AddNoteRequest> {}
