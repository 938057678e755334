import type { CommandMeta } from '@app/commanding';
import type { SimulatedCommand, SimulatedKind } from '@app/simulator';
import { AddContactCommand } from '../../../api/src/accounts/commands/add-contact/add-contact.command';
import { ChangeOwnerCommand } from '../../../api/src/accounts/commands/change-owner/change-owner.command';
import { ChangeTierCommand } from '../../../api/src/accounts/commands/change-tier/change-tier.command';
import { ChurnAccountCommand } from '../../../api/src/accounts/commands/churn-account/churn-account.command';
import { ContractContractCommand } from '../../../api/src/accounts/commands/contract-contract/contract-contract.command';
import { ExpandContractCommand } from '../../../api/src/accounts/commands/expand-contract/expand-contract.command';
import { OnboardAccountCommand } from '../../../api/src/accounts/commands/onboard-account/onboard-account.command';
import { RecordNpsCommand } from '../../../api/src/accounts/commands/record-nps/record-nps.command';
import { RemoveContactCommand } from '../../../api/src/accounts/commands/remove-contact/remove-contact.command';
import { RenewContractCommand } from '../../../api/src/accounts/commands/renew-contract/renew-contract.command';
import { DefineCalendarCommand } from '../../../api/src/calendars/commands/define-calendar/define-calendar.command';
import { DefineSlaPolicyCommand } from '../../../api/src/sla-policies/commands/define-sla-policy/define-sla-policy.command';
import type { RequestCommand } from '../../../api/src/shared/request-command';
import { AddNoteCommand } from '../../../api/src/tickets/commands/add-note/add-note.command';
import { AddReplyCommand } from '../../../api/src/tickets/commands/add-reply/add-reply.command';
import { AssignTicketCommand } from '../../../api/src/tickets/commands/assign-ticket/assign-ticket.command';
import { ChangePriorityCommand } from '../../../api/src/tickets/commands/change-priority/change-priority.command';
import { ChangeStatusCommand } from '../../../api/src/tickets/commands/change-status/change-status.command';
import { EscalateTicketCommand } from '../../../api/src/tickets/commands/escalate-ticket/escalate-ticket.command';
import { MergeTicketCommand } from '../../../api/src/tickets/commands/merge-ticket/merge-ticket.command';
import { OpenTicketCommand } from '../../../api/src/tickets/commands/open-ticket/open-ticket.command';
import { RateCsatCommand } from '../../../api/src/tickets/commands/rate-csat/rate-csat.command';

type CommandClass = new (id: string, request: never, meta: CommandMeta) => RequestCommand<unknown>;

const COMMANDS: Record<SimulatedKind, CommandClass> = {
  'define-calendar': DefineCalendarCommand,
  'define-sla-policy': DefineSlaPolicyCommand,
  'onboard-account': OnboardAccountCommand,
  'add-contact': AddContactCommand,
  'remove-contact': RemoveContactCommand,
  'renew-contract': RenewContractCommand,
  'expand-contract': ExpandContractCommand,
  'contract-contract': ContractContractCommand,
  'churn-account': ChurnAccountCommand,
  'change-tier': ChangeTierCommand,
  'change-owner': ChangeOwnerCommand,
  'record-nps': RecordNpsCommand,
  'open-ticket': OpenTicketCommand,
  'add-reply': AddReplyCommand,
  'add-note': AddNoteCommand,
  'change-status': ChangeStatusCommand,
  'assign-ticket': AssignTicketCommand,
  'change-priority': ChangePriorityCommand,
  'escalate-ticket': EscalateTicketCommand,
  'merge-ticket': MergeTicketCommand,
  'rate-csat': RateCsatCommand,
};

/** The bus command the HTTP API would send for a simulated request, stamped with the simulated instant. */
export function toBusCommand(command: SimulatedCommand, meta: CommandMeta): RequestCommand<unknown> {
  const id = command.target ?? (command.body.id as string);
  const request = command.kind === 'remove-contact' ? command.body.contactId : command.body;
  return new COMMANDS[command.kind](id, request as never, { ...meta, occurredAt: new Date(command.at).toISOString() });
}
