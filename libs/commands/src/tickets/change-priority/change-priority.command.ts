import type { Static } from '@sinclair/typebox';
import { PRIORITIES } from '@app/domain';
import { OneOf, Strict } from '@app/validation';
import { BusCommand } from '../../bus-command';

export const ChangePriority = Strict({ priority: OneOf(PRIORITIES) });
export type ChangePriority = Static<typeof ChangePriority>;

export class ChangePriorityCommand extends BusCommand<ChangePriority> {}
