import type { CommandMeta } from '@app/commanding';
import {
  AddContactCommand,
  AddNoteCommand,
  AddReplyCommand,
  AssignTicketCommand,
  type BusCommand,
  ChangeOwnerCommand,
  ChangePriorityCommand,
  ChangeStatusCommand,
  ChangeTierCommand,
  ChurnAccountCommand,
  ContractContractCommand,
  DefineCalendarCommand,
  DefineSlaPolicyCommand,
  EscalateTicketCommand,
  ExpandContractCommand,
  MergeTicketCommand,
  OnboardAccountCommand,
  OpenTicketCommand,
  RateCsatCommand,
  RecordNpsCommand,
  RemoveContactCommand,
  RenewContractCommand,
} from '@app/commands';
import type { SimulatedCommand, SimulatedKind } from '@app/simulator';

type CommandClass = new (id: string, payload: never, meta: CommandMeta) => BusCommand<unknown>;

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
export function toBusCommand(command: SimulatedCommand, meta: CommandMeta): BusCommand<unknown> {
  const id = command.target ?? (command.body.id as string);
  const request = command.kind === 'remove-contact' ? command.body.contactId : command.body;
  return new COMMANDS[command.kind](id, request as never, { ...meta, occurredAt: new Date(command.at).toISOString() });
}
