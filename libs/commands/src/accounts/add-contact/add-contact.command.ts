import type { Static } from '@sinclair/typebox';
import { CONTACT_ROLES } from '@app/domain';
import { Email, OneOf, Strict, Text } from '@app/validation';
import { BusCommand } from '../../bus-command';
import { CreatedId } from '../../created-id';

export const AddContact = Strict({
  id: CreatedId('a contact id'),
  name: Text(1, 200),
  email: Email(),
  role: OneOf(CONTACT_ROLES),
});
export type AddContact = Static<typeof AddContact>;

export class AddContactCommand extends BusCommand<AddContact> {}
