import { Type, type Static } from '@sinclair/typebox';
import { Strict, Text } from '@app/validation';
import { BusCommand } from '../../bus-command';

export const RateCsat = Strict({
  score: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.Optional(Text(0, 5000)),
});
export type RateCsat = Static<typeof RateCsat>;

export class RateCsatCommand extends BusCommand<RateCsat> {}
