import { IsEmail, IsIn, IsString, Length } from 'class-validator';
import { CONTACT_ROLES, type ContactRole } from '@app/domain';
import type { AddContact } from '@app/commands';
import { CreateRequest } from '../../../shared/common.dto';

export class AddContactRequest extends CreateRequest implements AddContact {
  @IsString()
  @Length(1, 200)
  name: string;

  @IsEmail({}, { message: 'must be an email address' })
  email: string;

  @IsIn(CONTACT_ROLES, { message: `must be one of ${CONTACT_ROLES.join(', ')}` })
  role: ContactRole;
}
