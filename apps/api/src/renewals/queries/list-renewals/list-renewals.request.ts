import { Type, type Static } from '@sinclair/typebox';
import { Strict } from '@app/validation';

export const ListRenewalsRequest = Strict({
  withinDays: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 366,
      description: 'Renewals due within this many days from today (default 90).',
    }),
  ),
});
export type ListRenewalsRequest = Static<typeof ListRenewalsRequest>;
