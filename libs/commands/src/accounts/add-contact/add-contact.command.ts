import type { ContactRole } from '@app/domain';
import { BusCommand } from '../../bus-command';

export interface AddContact {
  /** The id the caller chose for what it creates; generated when left out. */
  id?: string;
  name: string;
  email: string;
  role: ContactRole;
}

export class AddContactCommand extends BusCommand<AddContact> {}
