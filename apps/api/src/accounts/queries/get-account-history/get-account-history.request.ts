import { Type, type Static } from '@sinclair/typebox';
import { Strict } from '@app/validation';
import { AsOf, Cursor, Limit } from '../../../shared/query-shapes';

export const GetAccountHistoryRequest = Strict({
  types: Type.Optional(
    Type.Array(Type.String({ pattern: '^[A-Za-z]{1,100}$', errorMessage: 'must be event type names' }), {
      description: 'Event types to include, comma-separated (e.g. ContractRenewed,TicketOpened).',
    }),
  ),
  asOf: AsOf,
  limit: Limit(1000, 100),
  cursor: Cursor,
});
export type GetAccountHistoryRequest = Static<typeof GetAccountHistoryRequest>;
