import { Type, type Static } from '@sinclair/typebox';
import { Instant, Strict } from '@app/validation';
import { AsOf, Cursor, Limit } from '../shared/query-shapes';

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

/** The history's filters (types, asOf, paging) and a range of occurred time. */
export const GetAccountTimelineRequest = Strict({
  ...GetAccountHistoryRequest.properties,
  from: Type.Optional(Instant({ description: 'Events that occurred at or after this instant (ISO 8601).' })),
  to: Type.Optional(Instant({ description: 'Events that occurred before this instant (ISO 8601).' })),
});
export type GetAccountTimelineRequest = Static<typeof GetAccountTimelineRequest>;
