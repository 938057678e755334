import { Type, type Static } from '@sinclair/typebox';
import { PositionOrInstant, rule, Strict } from '@app/validation';

/** Time travel on one aggregate's state or history. */
export const AsOf = Type.Optional(
  PositionOrInstant({
    description:
      'As of this instant (ISO 8601, by the time the log recorded each event) or log position (digits); now when left out.',
  }),
);
export const AsOfRequest = Strict({ asOf: AsOf });
export type AsOfRequest = Static<typeof AsOfRequest>;

/** A page's size, from 1 to `max`. */
export const Limit = (max: number, fallback: number) =>
  Type.Optional(Type.Integer({ minimum: 1, maximum: max, description: `Page size (default ${fallback}).` }));

/** An opaque keyset cursor (base64url): the `nextCursor` of the previous page. */
export const Cursor = Type.Optional(
  Type.String({
    pattern: '^[A-Za-z0-9_-]{1,1000}$',
    errorMessage: 'is not a cursor this API returned',
    description: '`nextCursor` of the previous page.',
    ...rule('a nextCursor this API returned for the same listing'),
  }),
);
