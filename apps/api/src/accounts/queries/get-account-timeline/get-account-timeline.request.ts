import { Type, type Static } from '@sinclair/typebox';
import { Instant, Strict } from '@app/validation';
import { GetAccountHistoryRequest } from '../get-account-history/get-account-history.request';

/** The history's filters (types, asOf, paging) and a range of occurred time. */
export const GetAccountTimelineRequest = Strict({
  ...GetAccountHistoryRequest.properties,
  from: Type.Optional(Instant({ description: 'Events that occurred at or after this instant (ISO 8601).' })),
  to: Type.Optional(Instant({ description: 'Events that occurred before this instant (ISO 8601).' })),
});
export type GetAccountTimelineRequest = Static<typeof GetAccountTimelineRequest>;
