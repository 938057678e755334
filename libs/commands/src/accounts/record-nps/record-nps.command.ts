import { Type, type Static } from '@sinclair/typebox';
import { Id, rule, Strict, Text } from '@app/validation';
import { BusCommand } from '../../bus-command';

export const RecordNps = Strict({
  score: Type.Integer({ minimum: 0, maximum: 10 }),
  contactId: Type.Optional(
    Id('a contact id', { description: 'Who answered, if known.', ...rule('a contact of the account') }),
  ),
  comment: Type.Optional(Text(0, 5000)),
});
export type RecordNps = Static<typeof RecordNps>;

export class RecordNpsCommand extends BusCommand<RecordNps> {}
