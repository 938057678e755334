import type { Static } from '@sinclair/typebox';
import { OneOf, Strict } from '@app/validation';
import { BusCommand } from '../../bus-command';

/** Every status but `new`, which only opening a ticket sets. */
export const ChangeStatus = Strict({ status: OneOf(['open', 'pending', 'on_hold', 'solved', 'closed'] as const) });
export type ChangeStatus = Static<typeof ChangeStatus>;

export class ChangeStatusCommand extends BusCommand<ChangeStatus> {}
