import type { Static } from '@sinclair/typebox';
import { Strict } from '@app/validation';
import { BusCommand } from '../../bus-command';
import { CreatedId } from '../../created-id';
import { SlaPolicyInput } from '../sla-policy-input';

export const DefineSlaPolicy = Strict({ id: CreatedId('an SLA policy id'), ...SlaPolicyInput.properties });
export type DefineSlaPolicy = Static<typeof DefineSlaPolicy>;

export class DefineSlaPolicyCommand extends BusCommand<SlaPolicyInput> {}
