import { BusCommand } from '../../bus-command';

/** Its payload is the contact's id. */
export class RemoveContactCommand extends BusCommand<string> {}
