import { Type, type Static } from '@sinclair/typebox';
import { CalendarDate, Money, rule, Strict } from '@app/validation';
import { BusCommand } from '../../bus-command';

export const RenewContract = Strict({
  arr: Money({ description: 'ARR from the renewal on.', ...rule('in the contract currency') }),
  renewalDate: CalendarDate({ description: 'The next renewal date.', ...rule('after the current renewal date') }),
  effectiveDate: Type.Optional(
    CalendarDate({ description: 'When the renewal takes effect, YYYY-MM-DD; today (UTC) when left out.' }),
  ),
});
export type RenewContract = Static<typeof RenewContract>;

export class RenewContractCommand extends BusCommand<RenewContract> {}
