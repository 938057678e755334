import type { CommandMeta } from '@app/commanding';
import type { DefineSlaPolicyRequest } from './define-sla-policy.request.dto';

export class DefineSlaPolicyCommand {
  constructor(
    readonly policyId: string,
    readonly request: DefineSlaPolicyRequest,
    readonly meta: CommandMeta,
  ) {}
}
