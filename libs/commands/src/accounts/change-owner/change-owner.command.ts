import { BusCommand } from '../../bus-command';

export interface ChangeOwner {
  ownerId: string;
}

export class ChangeOwnerCommand extends BusCommand<ChangeOwner> {}
