import type { CommandMeta } from '@app/commanding';
import type { UpdateSlaPolicyRequest } from './update-sla-policy.request.dto';

export class UpdateSlaPolicyCommand {
  constructor(
    readonly policyId: string,
    readonly request: UpdateSlaPolicyRequest,
    readonly meta: CommandMeta,
  ) {}
}
