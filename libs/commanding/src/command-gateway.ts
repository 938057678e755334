import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  accountDecider,
  calendarDecider,
  dataSubjects,
  slaPolicyDecider,
  streams,
  ticketDecider,
  type AccountFacts,
  type Decider,
  type SupportCommand,
} from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { PersonalDataCipher } from '@app/privacy';
import type { CommandMeta } from './command-context';
import { CommandExecutor, type CommandResult } from './command-executor';
import { SlaCatalog } from './sla-catalog';

/** A command on its way, as every sender puts it on the CommandBus: `bus.execute(new Send(command, meta))`. */
export class Send {
  constructor(
    readonly command: CommandToSend,
    readonly meta: CommandMeta,
  ) {}
}

/** Where a command is decided: the stream of the aggregate it names, and that aggregate's decider. */
export interface CommandRoute {
  streamId: string;
  decider: Decider<SupportCommand, { type: string; data: unknown }, unknown>;
}

/**
 * The aggregate a command belongs to follows from the id it names: a ticket command names its
 * ticket (an account command never does), a calendar or policy command its own id, and an account
 * command only its account.
 */
export function routeOf(
  command: { ticketId: string } | { calendarId: string } | { policyId: string } | { accountId: string },
): CommandRoute {
  if ('ticketId' in command) return route(streams.ticket(command.ticketId), ticketDecider);
  if ('calendarId' in command) return route(streams.calendar(command.calendarId), calendarDecider);
  if ('policyId' in command) return route(streams.slaPolicy(command.policyId), slaPolicyDecider);
  return route(streams.account(command.accountId), accountDecider);
}

/** Each decider takes only its own commands, which `routeOf` guarantees: the one place that widens it. */
const route = <C extends SupportCommand, E, S>(streamId: string, decider: Decider<C, E, S>): CommandRoute => ({
  streamId,
  decider: decider as unknown as CommandRoute['decider'],
});

/**
 * Per command kind, the fields an enricher fills in: facts from another aggregate or from the SLA
 * catalog, which the sender could not know or should not be trusted to state.
 */
interface Enriched {
  OpenTicket: 'account' | 'sla';
  MergeTicket: 'target';
  OnboardAccount: 'slaPolicyExists';
  UpdateCalendar: 'policies';
  DefineSlaPolicy: 'calendar';
  UpdateSlaPolicy: 'calendar';
  EraseContact: 'erasedBy';
  EraseAccount: 'erasedBy';
}

/** Per command kind, the date that is the day (UTC) of the command's instant when the sender leaves it out. */
interface DatedByDefault {
  RenewContract: 'effectiveDate';
  ExpandContract: 'effectiveDate';
  ContractContract: 'effectiveDate';
  ChurnAccount: 'effectiveDate';
}

type Lookup<Map, K> = K extends keyof Map ? Map[K] : never;

/**
 * A command as its sender states it: the domain's command without its instant (the executor's) and
 * without what the enrichers fill in, with its default-dated fields optional.
 */
export type CommandToSend = SupportCommand extends infer C
  ? C extends { kind: infer K }
    ? Omit<C, 'at' | Lookup<Enriched, K> | Lookup<DatedByDefault, K>> &
        Partial<Pick<C, Extract<Lookup<DatedByDefault, K>, keyof C>>>
    : never
  : never;

/** What an enricher found, and what has to follow the command's append (an erasure deletes keys). */
export interface Enrichment {
  facts: object;
  after?: () => Promise<unknown>;
}

const NOTHING: Enrichment = { facts: {} };

/** The full command for the instant `at`: the sender's fields, the enrichers' facts, the default dates. */
export function completeCommand(command: CommandToSend, facts: object, at: string): SupportCommand {
  const dated = DATED_BY_DEFAULT.has(command.kind) ? { effectiveDate: at.slice(0, 10) } : {};
  const given = Object.fromEntries(Object.entries(command).filter(([, value]) => value !== undefined));
  return { ...dated, ...given, ...facts, at } as SupportCommand;
}

const DATED_BY_DEFAULT: ReadonlySet<string> = new Set<keyof DatedByDefault>([
  'RenewContract',
  'ExpandContract',
  'ContractContract',
  'ChurnAccount',
]);

/**
 * The only per-command code of the write side: the facts a command needs from elsewhere. Every
 * other command goes from its sender to its decider as it was sent.
 */
@Injectable()
export class Enrichers {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly catalog: SlaCatalog,
    private readonly cipher: PersonalDataCipher,
    private readonly executor: CommandExecutor,
  ) {}

  enrich(command: CommandToSend, meta: CommandMeta): Promise<Enrichment> {
    switch (command.kind) {
      case 'OpenTicket':
        return this.ticketOpening(command.accountId);
      case 'MergeTicket':
        return this.mergeTarget(command.intoTicketId);
      case 'OnboardAccount':
        return this.slaPolicyOverride(command.slaPolicyId);
      case 'UpdateCalendar':
        return this.policiesOn(command.calendarId);
      case 'DefineSlaPolicy':
      case 'UpdateSlaPolicy':
        return this.namedCalendar(command.definition.calendarId);
      case 'EraseContact':
        return this.erasure(meta, () => this.cipher.erase(dataSubjects.contact(command.accountId, command.contactId)));
      case 'EraseAccount':
        return this.erasure(meta, () =>
          this.cipher.erase(dataSubjects.account(command.accountId), dataSubjects.contactsOf(command.accountId)),
        );
      default:
        return Promise.resolve(NOTHING);
    }
  }

  /** The account a ticket opens on, and the SLA policy that matches it now (docs/design.md §4). */
  private async ticketOpening(accountId: string): Promise<Enrichment> {
    const account = await this.state(streams.account(accountId), accountDecider);
    if (!account.exists)
      return { facts: { account: { exists: false, churned: false, tier: 'standard', contactIds: [] }, sla: null } };
    const facts: AccountFacts = {
      exists: true,
      churned: account.churned !== null,
      tier: account.tier,
      contactIds: account.contacts.map((contact) => contact.contactId),
    };
    const sla = account.churned ? null : await this.catalog.match(account.tier, account.slaPolicyId);
    return { facts: { account: facts, sla } };
  }

  /** The ticket a duplicate merges into: whether it exists, its account and its status. */
  private async mergeTarget(intoTicketId: string): Promise<Enrichment> {
    const into = await this.state(streams.ticket(intoTicketId), ticketDecider);
    const target = into.exists
      ? { exists: true, accountId: into.accountId, status: into.status }
      : { exists: false, accountId: null, status: null };
    return { facts: { target } };
  }

  /** An account may name its own SLA policy, which must be defined. */
  private async slaPolicyOverride(slaPolicyId: string | null): Promise<Enrichment> {
    const exists =
      slaPolicyId !== null && (await this.store.readStream(streams.slaPolicy(slaPolicyId), { limit: 1 })).length > 0;
    return { facts: { slaPolicyExists: exists } };
  }

  /** A calendar's new hours must still fit every policy's targets on it. */
  private async policiesOn(calendarId: string): Promise<Enrichment> {
    const policies = await this.catalog.policiesOn(calendarId);
    return {
      facts: { policies: policies.map(({ policyId, definition }) => ({ policyId, targets: definition.targets })) },
    };
  }

  /** A policy's calendar must exist, and fit its targets, when the policy is written. */
  private async namedCalendar(calendarId: string | null): Promise<Enrichment> {
    const named = calendarId === null ? undefined : await this.state(streams.calendar(calendarId), calendarDecider);
    return { facts: { calendar: named?.exists ? named.definition : null } };
  }

  /** Who asked, as the record names them (`service:crm`); the keys go once the erasure is recorded. */
  private erasure(meta: CommandMeta, deleteKeys: () => Promise<unknown>): Promise<Enrichment> {
    return Promise.resolve({ facts: { erasedBy: `${meta.actor.kind}:${meta.actor.id}` }, after: deleteKeys });
  }

  private state<C, E extends { type: string; data: unknown }, S>(
    streamId: string,
    decider: Decider<C, E, S>,
  ): Promise<S> {
    return this.executor.current(streamId, decider);
  }
}

// Last in the file: the classes its constructor takes must be defined before its decorator metadata names them.
/**
 * The one handler of every command (docs/design.md §1): the command names its aggregate, so its
 * stream and decider follow (`routeOf`); the enrichers add what it needs from elsewhere; the
 * executor loads, decides and appends.
 */
@CommandHandler(Send)
export class CommandGateway implements ICommandHandler<Send, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly enrichers: Enrichers,
  ) {}

  async execute({ command, meta }: Send): Promise<CommandResult> {
    const { streamId, decider } = routeOf(command);
    const { facts, after } = await this.enrichers.enrich(command, meta);
    const result = await this.executor.execute(streamId, decider, (at) => completeCommand(command, facts, at), meta);
    await after?.();
    return result;
  }
}
