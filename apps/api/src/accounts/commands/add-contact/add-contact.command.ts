import { RequestCommand } from '../../../shared/request-command';
import type { AddContactRequest } from './add-contact.request.dto';

export class AddContactCommand extends RequestCommand<AddContactRequest> {}
