import { randomUUID } from 'node:crypto';
import { Send, type CommandMeta, type CommandToSend } from '@app/commanding';
import * as requests from '@app/requests';
import type { SimulatedCommand, SimulatedKind } from '@app/simulator';

/** The command the HTTP API would build from a simulated request: its path id and its body. */
const COMMANDS: Record<SimulatedKind, (id: string, body: never) => CommandToSend> = {
  'define-calendar': requests.defineCalendar,
  'define-sla-policy': requests.defineSlaPolicy,
  'onboard-account': requests.onboardAccount,
  'add-contact': (id, body: requests.AddContact) => requests.addContact(id, body.id ?? randomUUID(), body),
  'remove-contact': (id, body: { contactId: string }) => requests.removeContact(id, body.contactId),
  'renew-contract': requests.renewContract,
  'expand-contract': (id, body) => requests.changeContract('ExpandContract', id, body),
  'contract-contract': (id, body) => requests.changeContract('ContractContract', id, body),
  'churn-account': requests.churnAccount,
  'change-tier': requests.changeTier,
  'change-owner': requests.changeOwner,
  'record-nps': requests.recordNps,
  'open-ticket': requests.openTicket,
  'add-reply': (id, body) => requests.addReply(id, randomUUID(), body),
  'add-note': (id, body) => requests.addNote(id, randomUUID(), body),
  'change-status': requests.changeStatus,
  'assign-ticket': requests.assignTicket,
  'change-priority': requests.changePriority,
  'escalate-ticket': requests.escalateTicket,
  'merge-ticket': requests.mergeTicket,
  'rate-csat': requests.rateCsat,
};

/** The command the HTTP API would send for a simulated request, stamped with the simulated instant. */
export function toSend(command: SimulatedCommand, meta: CommandMeta): Send {
  const id = command.target ?? (command.body.id as string);
  const sent = COMMANDS[command.kind](id, command.body as never);
  return new Send(sent, { ...meta, occurredAt: new Date(command.at).toISOString() });
}
