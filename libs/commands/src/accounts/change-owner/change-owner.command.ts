import type { Static } from '@sinclair/typebox';
import { Strict, Text } from '@app/validation';
import { BusCommand } from '../../bus-command';

export const ChangeOwner = Strict({ ownerId: Text(1, 200, { description: "The account manager's id." }) });
export type ChangeOwner = Static<typeof ChangeOwner>;

export class ChangeOwnerCommand extends BusCommand<ChangeOwner> {}
