import { Type, type Static } from '@sinclair/typebox';
import { CalendarDate, Strict, Text } from '@app/validation';
import { BusCommand } from '../../bus-command';

export const ChurnAccount = Strict({
  reason: Text(1, 2000),
  effectiveDate: Type.Optional(CalendarDate({ description: 'YYYY-MM-DD; today (UTC) when left out.' })),
});
export type ChurnAccount = Static<typeof ChurnAccount>;

export class ChurnAccountCommand extends BusCommand<ChurnAccount> {}
