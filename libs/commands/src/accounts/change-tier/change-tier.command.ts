import type { Static } from '@sinclair/typebox';
import { TIERS } from '@app/domain';
import { OneOf, Strict } from '@app/validation';
import { BusCommand } from '../../bus-command';

export const ChangeTier = Strict({ tier: OneOf(TIERS) });
export type ChangeTier = Static<typeof ChangeTier>;

export class ChangeTierCommand extends BusCommand<ChangeTier> {}
