import { fold } from '../decider';
import { given } from '../shared/given-when-then';
import type { TicketCommand } from './ticket.commands';
import { ticketDecider } from './ticket.decider';
import type { SlaSnapshot, TicketEvent } from './ticket.events';

const ids = { ticketId: 't1', accountId: 'a1' };
const sla: SlaSnapshot = {
  policyId: 'p1',
  policyName: 'Growth 24/7',
  calendarId: null,
  calendar: null,
  targets: {
    urgent: { first_response: 60, next_response: 30, resolution: 480 },
    high: { first_response: 120, resolution: 960 },
    normal: { resolution: 2880 },
    low: {},
  },
  pauseStatuses: ['pending', 'on_hold'],
  atRiskMinutes: 15,
};
const account = { exists: true, churned: false, tier: 'growth' as const, contactIds: ['k1'] };
const open = (overrides: Partial<Extract<TicketCommand, { kind: 'OpenTicket' }>> = {}): TicketCommand => ({
  kind: 'OpenTicket',
  ...ids,
  at: '2026-06-01T10:00:00.000Z',
  contactId: 'k1',
  subject: 'SSO login fails',
  description: 'SAML assertion rejected',
  channel: 'email',
  priority: 'urgent',
  category: 'authentication',
  account,
  sla,
  ...overrides,
});
const history = (...commands: TicketCommand[]): TicketEvent[] =>
  commands.reduce<TicketEvent[]>(
    (events, command) => [...events, ...ticketDecider.decide(command, fold(ticketDecider, events))],
    [],
  );
const at = (time: string) => `2026-06-01T${time}:00.000Z`;
const reply = (time: string, kind: 'agent' | 'customer', isPublic = true): TicketCommand => ({
  kind: 'AddReply',
  ...ids,
  at: at(time),
  replyId: `r-${time}`,
  author: { kind, id: kind === 'agent' ? 'agent-1' : 'k1' },
  public: isPublic,
  body: 'hello',
});
const status = (time: string, to: 'open' | 'pending' | 'on_hold' | 'solved' | 'closed'): TicketCommand => ({
  kind: 'ChangeStatus',
  ...ids,
  at: at(time),
  status: to,
});
const slaEvents = (events: TicketEvent[]) =>
  events.filter((event) => event.type.startsWith('SlaTarget')).map((event) => [event.type, event.data]);

describe('ticket decider', () => {
  describe('opening', () => {
    it('given a policy (from a log before targets were checked) whose calendar cannot reach its target, refuses the open with what to change', () => {
      const unreachable: SlaSnapshot = {
        ...sla,
        calendarId: 'c1',
        calendar: { timeZone: 'UTC', weeklyHours: { mon: [{ start: '09:00', end: '09:01' }] }, holidays: [] },
        targets: { ...sla.targets, urgent: { resolution: 480_000 } },
      };
      const error = given(ticketDecider, []).rejects(open({ sla: unreachable }));
      expect([error.kind, error.code, error.details]).toEqual([
        'conflict',
        'sla_target_unreachable',
        { policyId: 'p1', calendarId: 'c1' },
      ]);
      expect(error.message).toContain("shorten its targets or lengthen calendar c1's hours");
    });

    it('given nothing, opens the ticket, copies the policy and starts first response and resolution', () => {
      const events = given(ticketDecider, []).when(open());
      expect(events.map((event) => event.type)).toEqual([
        'TicketOpened',
        'SlaApplied',
        'SlaTargetStarted',
        'SlaTargetStarted',
      ]);
      expect(events[1].data).toEqual({ ...ids, ...sla });
      expect(events[2].data).toEqual({
        ...ids,
        metric: 'first_response',
        instance: 'first_response:1',
        startedAt: at('10:00'),
        budgetMinutes: 60,
        dueAt: at('11:00'),
        atRiskAt: at('10:45'),
      });
      expect(events[3].data).toMatchObject({ instance: 'resolution:1', dueAt: at('18:00'), atRiskAt: at('17:45') });
    });

    it('starts only the targets the policy sets for the priority, and none without a policy', () => {
      expect(
        given(ticketDecider, [])
          .when(open({ priority: 'normal' }))
          .filter((event) => event.type === 'SlaTargetStarted'),
      ).toHaveLength(1);
      expect(
        given(ticketDecider, [])
          .when(open({ sla: null }))
          .map((event) => event.type),
      ).toEqual(['TicketOpened']);
    });

    it('refuses a second open, an unknown account, a churned account and a stranger as contact', () => {
      expect(given(ticketDecider, history(open())).rejects(open()).code).toBe('ticket_already_exists');
      expect(given(ticketDecider, []).rejects(open({ account: { ...account, exists: false } })).message).toMatch(
        /^accountId:/,
      );
      expect(given(ticketDecider, []).rejects(open({ account: { ...account, churned: true } })).code).toBe(
        'account_churned',
      );
      expect(given(ticketDecider, []).rejects(open({ contactId: 'k9' })).message).toMatch(/^contactId:/);
    });

    it('computes due times on the copied business calendar', () => {
      const calendar = {
        timeZone: 'America/New_York',
        weeklyHours: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] },
        holidays: [],
      };
      // Monday 16:30 EDT (20:30Z) + 60 business minutes → Tuesday 09:30 EDT (13:30Z); at risk 15 before → 09:15.
      const [, , first] = given(ticketDecider, []).when(
        open({ at: '2026-06-01T20:30:00.000Z', sla: { ...sla, calendarId: 'c1', calendar } }),
      );
      expect(first.data).toMatchObject({ dueAt: '2026-06-02T13:30:00.000Z', atRiskAt: '2026-06-02T13:15:00.000Z' });
    });
  });

  it('given no ticket, any other command answers not found', () => {
    expect(given(ticketDecider, []).rejects(reply('10:05', 'agent')).code).toBe('ticket_not_found');
  });

  describe('first response', () => {
    it('is achieved by the first public agent reply, which also opens a new ticket', () => {
      const events = given(ticketDecider, history(open())).when(reply('10:20', 'agent'));
      expect(events.map((event) => event.type)).toEqual(['ReplyAdded', 'TicketStatusChanged', 'SlaTargetEnded']);
      expect(events[2].data).toEqual({
        ...ids,
        instance: 'first_response:1',
        endedAt: at('10:20'),
        outcome: 'achieved',
        businessMinutes: 20,
      });
    });

    it('is not satisfied by internal notes, private agent replies or customer replies', () => {
      const base = history(open());
      expect(
        slaEvents(
          given(ticketDecider, base).when({
            kind: 'AddNote',
            ...ids,
            at: at('10:10'),
            noteId: 'n1',
            authorId: 'agent-1',
            body: 'looking',
          }),
        ),
      ).toEqual([]);
      expect(slaEvents(given(ticketDecider, base).when(reply('10:10', 'agent', false)))).toEqual([]);
      expect(slaEvents(given(ticketDecider, base).when(reply('10:10', 'customer')))).toEqual([]);
    });

    it('answered after its due time ends breached and records the breach the clock had not yet recorded', () => {
      const events = given(ticketDecider, history(open())).when(reply('11:30', 'agent'));
      expect(slaEvents(events)).toEqual([
        ['SlaTargetBreached', { ...ids, instance: 'first_response:1', breachedAt: at('11:00') }],
        [
          'SlaTargetEnded',
          { ...ids, instance: 'first_response:1', endedAt: at('11:30'), outcome: 'breached', businessMinutes: 90 },
        ],
      ]);
    });
  });

  describe('next response', () => {
    it('starts at a customer reply that follows an agent reply and ends at the next public agent reply', () => {
      const base = history(open(), reply('10:10', 'agent'));
      const started = given(ticketDecider, base).when(reply('10:40', 'customer'));
      expect(slaEvents(started)).toEqual([
        [
          'SlaTargetStarted',
          {
            ...ids,
            metric: 'next_response',
            instance: 'next_response:1',
            startedAt: at('10:40'),
            budgetMinutes: 30,
            dueAt: at('11:10'),
            atRiskAt: at('10:55'),
          },
        ],
      ]);
      expect(slaEvents(given(ticketDecider, [...base, ...started]).when(reply('10:50', 'agent')))).toEqual([
        [
          'SlaTargetEnded',
          { ...ids, instance: 'next_response:1', endedAt: at('10:50'), outcome: 'achieved', businessMinutes: 10 },
        ],
      ]);
    });

    it('does not start for a customer reply before any agent reply, nor twice for two customer replies in a row', () => {
      expect(slaEvents(given(ticketDecider, history(open())).when(reply('10:05', 'customer')))).toEqual([]);
      const afterFirst = history(open(), reply('10:10', 'agent'), reply('10:40', 'customer'));
      expect(slaEvents(given(ticketDecider, afterFirst).when(reply('10:45', 'customer')))).toEqual([]);
    });
  });

  describe('pausing', () => {
    it('pending pauses every running target; the customer reply resumes them with the remaining budget', () => {
      const base = history(open(), reply('10:10', 'agent'), status('10:30', 'pending'));
      expect(slaEvents(base.slice(-2))).toEqual([
        ['SlaTargetPaused', { ...ids, instance: 'resolution:1', pausedAt: at('10:30'), usedMinutes: 30 }],
      ]);
      const resumed = given(ticketDecider, base).when(reply('13:00', 'customer'));
      // 450 of the 480 resolution minutes remain from 13:00 → 20:30; a next response starts as well.
      expect(resumed.map((event) => event.type)).toEqual([
        'ReplyAdded',
        'TicketStatusChanged',
        'SlaTargetResumed',
        'SlaTargetStarted',
      ]);
      expect(resumed[2].data).toEqual({
        ...ids,
        instance: 'resolution:1',
        resumedAt: at('13:00'),
        reason: 'status',
        usedMinutes: 30,
        dueAt: at('20:30'),
        atRiskAt: at('20:15'),
      });
    });

    it('moving between two pause statuses keeps the clock stopped', () => {
      const base = history(open(), status('10:30', 'pending'));
      expect(slaEvents(given(ticketDecider, base).when(status('11:00', 'on_hold')))).toEqual([]);
    });

    it('a pause after the due time records the breach first', () => {
      const events = given(ticketDecider, history(open())).when(status('11:05', 'on_hold'));
      expect(slaEvents(events).map(([type, data]) => [type, (data as { instance: string }).instance])).toEqual([
        ['SlaTargetBreached', 'first_response:1'],
        ['SlaTargetPaused', 'first_response:1'],
        ['SlaTargetPaused', 'resolution:1'],
      ]);
    });
  });

  describe('solving and reopening', () => {
    it('solve ends every target; a reopen resumes resolution with the budget already used', () => {
      const solved = history(open(), reply('10:10', 'agent'), status('12:00', 'solved'));
      expect(slaEvents(solved).at(-1)).toEqual([
        'SlaTargetEnded',
        { ...ids, instance: 'resolution:1', endedAt: at('12:00'), outcome: 'achieved', businessMinutes: 120 },
      ]);
      const reopened = given(ticketDecider, solved).when(reply('14:00', 'customer'));
      expect(slaEvents(reopened)[0]).toEqual([
        'SlaTargetResumed',
        {
          ...ids,
          instance: 'resolution:1',
          resumedAt: at('14:00'),
          reason: 'reopened',
          usedMinutes: 120,
          dueAt: at('20:00'),
          atRiskAt: at('19:45'),
        },
      ]);
    });

    it('closes only a solved ticket, and a closed ticket accepts nothing', () => {
      const error = given(ticketDecider, history(open())).rejects(status('10:30', 'closed'));
      expect([error.code, error.details.allowed]).toEqual([
        'invalid_status_transition',
        ['open', 'pending', 'on_hold', 'solved'],
      ]);
      const closed = history(open(), status('10:30', 'solved'), status('10:40', 'closed'));
      expect(given(ticketDecider, closed).rejects(reply('11:00', 'customer')).code).toBe('ticket_closed');
      expect(
        given(ticketDecider, closed).rejects({
          kind: 'AddNote',
          ...ids,
          at: at('11:00'),
          noteId: 'n',
          authorId: 'x',
          body: 'b',
        }).code,
      ).toBe('ticket_closed');
    });

    it('setting the current status again records nothing', () => {
      expect(given(ticketDecider, history(open(), status('10:10', 'open'))).when(status('10:20', 'open'))).toEqual([]);
    });
  });

  describe('priority', () => {
    it('re-budgets running targets from the copied policy; a metric without target at the new priority is cancelled', () => {
      const events = given(ticketDecider, history(open())).when({
        kind: 'ChangePriority',
        ...ids,
        at: at('10:30'),
        priority: 'high',
      });
      expect(events[0]).toEqual({
        type: 'TicketPriorityChanged',
        data: { ...ids, from: 'urgent', to: 'high', at: at('10:30') },
      });
      expect(slaEvents(events)).toEqual([
        [
          'SlaTargetRescheduled',
          {
            ...ids,
            instance: 'first_response:1',
            budgetMinutes: 120,
            usedMinutes: 30,
            dueAt: at('12:00'),
            atRiskAt: at('11:45'),
            at: at('10:30'),
          },
        ],
        [
          'SlaTargetRescheduled',
          {
            ...ids,
            instance: 'resolution:1',
            budgetMinutes: 960,
            usedMinutes: 30,
            dueAt: '2026-06-02T02:00:00.000Z',
            atRiskAt: '2026-06-02T01:45:00.000Z',
            at: at('10:30'),
          },
        ],
      ]);
      const toLow = given(ticketDecider, history(open())).when({
        kind: 'ChangePriority',
        ...ids,
        at: at('10:30'),
        priority: 'low',
      });
      expect(slaEvents(toLow).map(([, data]) => (data as { outcome?: string }).outcome)).toEqual([
        'cancelled',
        'cancelled',
      ]);
    });
  });

  describe('assignment, escalation, merge and CSAT', () => {
    it('assigns to an agent and group; the same assignment again records nothing', () => {
      const assign: TicketCommand = {
        kind: 'AssignTicket',
        ...ids,
        at: at('10:05'),
        agentId: 'agent-1',
        group: 'tier-1',
      };
      expect(given(ticketDecider, history(open())).when(assign)).toEqual([
        { type: 'TicketAssigned', data: { ...ids, agentId: 'agent-1', group: 'tier-1', at: at('10:05') } },
      ]);
      expect(given(ticketDecider, history(open(), assign)).when(assign)).toEqual([]);
    });

    it('escalates to a tier once', () => {
      const escalate: TicketCommand = {
        kind: 'EscalateTicket',
        ...ids,
        at: at('10:05'),
        tier: 'engineering',
        reason: 'bug in SSO',
      };
      expect(given(ticketDecider, history(open())).when(escalate)[0].type).toBe('TicketEscalated');
      expect(given(ticketDecider, history(open(), escalate)).rejects(escalate).code).toBe('already_escalated');
    });

    it('merges into another open ticket of the same account, cancelling targets and closing', () => {
      const merge = (
        target: { exists: boolean; accountId: string | null; status: string | null },
        into = 't2',
      ): TicketCommand => ({ kind: 'MergeTicket', ...ids, at: at('10:30'), intoTicketId: into, target });
      const events = given(ticketDecider, history(open())).when(
        merge({ exists: true, accountId: 'a1', status: 'open' }),
      );
      expect(events.map((event) => event.type)).toEqual([
        'TicketMerged',
        'TicketStatusChanged',
        'SlaTargetEnded',
        'SlaTargetEnded',
      ]);
      expect(slaEvents(events).map(([, data]) => (data as { outcome: string }).outcome)).toEqual([
        'cancelled',
        'cancelled',
      ]);
      const base = given(ticketDecider, history(open()));
      expect(base.rejects(merge({ exists: true, accountId: 'a1', status: 'open' }, 't1')).message).toMatch(
        /^intoTicketId:/,
      );
      expect(base.rejects(merge({ exists: false, accountId: null, status: null })).message).toMatch(/^intoTicketId:/);
      expect(base.rejects(merge({ exists: true, accountId: 'a2', status: 'open' })).code).toBe('merge_across_accounts');
      expect(base.rejects(merge({ exists: true, accountId: 'a1', status: 'closed' })).code).toBe('merge_target_closed');
    });

    it('rates CSAT only after solve', () => {
      const rate: TicketCommand = { kind: 'RateCsat', ...ids, at: at('12:00'), score: 2, comment: 'slow' };
      expect(given(ticketDecider, history(open())).rejects(rate).code).toBe('csat_before_solve');
      expect(given(ticketDecider, history(open(), status('11:00', 'solved'))).when(rate)).toEqual([
        { type: 'CsatRated', data: { ...ids, contactId: 'k1', score: 2, comment: 'slow', at: at('12:00') } },
      ]);
    });

    it('refuses a private customer reply, naming the field', () => {
      expect(given(ticketDecider, history(open())).rejects(reply('10:05', 'customer', false)).message).toBe(
        'public: customer replies are always public',
      );
    });
  });

  describe('requests from the SLA clock', () => {
    const atRisk = (now: string, atRiskAt = at('10:45')): TicketCommand => ({
      kind: 'RecordSlaAtRisk',
      ...ids,
      at: at(now),
      instance: 'first_response:1',
      atRiskAt,
    });
    const breach = (now: string, dueAt = at('11:00')): TicketCommand => ({
      kind: 'RecordSlaBreach',
      ...ids,
      at: at(now),
      instance: 'first_response:1',
      dueAt,
    });

    it('records at-risk and breach at the instants they happened, once each', () => {
      expect(given(ticketDecider, history(open())).when(atRisk('10:45'))).toEqual([
        {
          type: 'SlaTargetAtRisk',
          data: { ...ids, instance: 'first_response:1', atRiskAt: at('10:45'), dueAt: at('11:00') },
        },
      ]);
      expect(given(ticketDecider, history(open(), atRisk('10:46'))).when(atRisk('10:47'))).toEqual([]);
      // A clock that was down records the breach late, with the instant it happened.
      expect(given(ticketDecider, history(open())).when(breach('13:00'))).toEqual([
        { type: 'SlaTargetBreached', data: { ...ids, instance: 'first_response:1', breachedAt: at('11:00') } },
      ]);
      expect(given(ticketDecider, history(open(), breach('11:00'))).when(breach('11:01'))).toEqual([]);
    });

    it('refuses early and stale requests: before the instant, after a pause moved the due time, after the target ended', () => {
      expect(given(ticketDecider, history(open())).rejects(breach('10:59')).code).toBe('sla_request_stale');
      expect(given(ticketDecider, history(open(), status('10:30', 'pending'))).rejects(breach('11:00')).code).toBe(
        'sla_request_stale',
      );
      const resumed = history(open(), status('10:30', 'pending'), status('10:40', 'open'));
      expect(given(ticketDecider, resumed).rejects(breach('11:05')).code).toBe('sla_request_stale');
      expect(given(ticketDecider, resumed).when(breach('11:10', at('11:10')))).toHaveLength(1);
      expect(given(ticketDecider, history(open(), reply('10:10', 'agent'))).rejects(atRisk('10:45')).code).toBe(
        'sla_request_stale',
      );
      expect(
        given(ticketDecider, history(open())).rejects({
          kind: 'RecordSlaBreach',
          ...ids,
          at: at('12:00'),
          instance: 'next_response:4',
          dueAt: at('11:00'),
        }).code,
      ).toBe('sla_target_not_found');
    });
  });
  describe('requests from the triggers', () => {
    const updateDue = (now: string, since = at('10:00'), thresholdMinutes = 120): TicketCommand => ({
      kind: 'FlagUpdateDue',
      ...ids,
      at: now,
      waitingSince: since,
      thresholdMinutes,
    });
    const solvedWith = (score: number) =>
      history(open({ priority: 'normal' }), reply('10:10', 'agent'), status('10:20', 'solved'), {
        kind: 'RateCsat',
        ...ids,
        at: at('10:30'),
        score,
        comment: null,
      });

    it('flags an update due once the ticket has waited on the team for the threshold, once per wait', () => {
      expect(given(ticketDecider, history(open())).when(updateDue(at('12:00')))).toEqual([
        {
          type: 'TicketUpdateDue',
          data: { ...ids, waitingSince: at('10:00'), dueAt: at('12:00'), thresholdMinutes: 120 },
        },
      ]);
      expect(given(ticketDecider, history(open(), updateDue(at('12:00')))).when(updateDue(at('12:05')))).toEqual([]);
      expect(given(ticketDecider, history(open())).rejects(updateDue(at('11:59'))).code).toBe('trigger_request_stale');
    });

    it('counts the wait in business minutes of the ticket calendar', () => {
      const weekdays = {
        ...sla,
        calendar: {
          timeZone: 'UTC',
          weeklyHours: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] },
          holidays: [],
        },
      };
      // Opened Monday 16:00 UTC: one business hour on Monday, the second on Tuesday 09:00–10:00.
      const opened = history(open({ sla: weekdays as SlaSnapshot, at: at('16:00') }));
      expect(given(ticketDecider, opened).rejects(updateDue('2026-06-02T09:59:00.000Z', at('16:00'))).code).toBe(
        'trigger_request_stale',
      );
      expect(
        given(ticketDecider, opened).when(updateDue('2026-06-02T10:00:00.000Z', at('16:00')))[0].data,
      ).toMatchObject({ dueAt: '2026-06-02T10:00:00.000Z' });
    });

    it('clears the flag when the wait ends, and a later wait starts afresh', () => {
      const flagged = history(open(), updateDue(at('12:00')));
      expect(given(ticketDecider, flagged).when(reply('12:30', 'agent')).at(-1)).toEqual({
        type: 'TicketUpdateDueCleared',
        data: { ...ids, at: at('12:30') },
      });
      const again = history(open(), updateDue(at('12:00')), reply('12:30', 'agent'), reply('13:00', 'customer'));
      expect(given(ticketDecider, again).rejects(updateDue(at('15:00'))).code).toBe('trigger_request_stale');
      expect(given(ticketDecider, again).when(updateDue(at('15:00'), at('13:00')))).toHaveLength(1);
      // Pending waits on the customer: the flag clears with the status change.
      expect(
        given(ticketDecider, flagged)
          .when(status('12:30', 'pending'))
          .map((event) => event.type),
      ).toContain('TicketUpdateDueCleared');
    });

    it('flags a low CSAT once and clears it when the rating rises above the threshold', () => {
      const flag = (score: number): TicketCommand => ({
        kind: 'FlagLowCsat',
        ...ids,
        at: at('10:31'),
        score,
        threshold: 2,
      });
      expect(given(ticketDecider, solvedWith(2)).when(flag(2))).toEqual([
        { type: 'LowCsatFlagged', data: { ...ids, score: 2, threshold: 2, ratedAt: at('10:30') } },
      ]);
      expect(given(ticketDecider, solvedWith(3)).rejects(flag(3)).code).toBe('trigger_request_stale');
      const flagged = [...solvedWith(1), ...given(ticketDecider, solvedWith(1)).when(flag(1))];
      expect(given(ticketDecider, flagged).when(flag(1))).toEqual([]);
      const clear: TicketCommand = { kind: 'ClearLowCsat', ...ids, at: at('11:00'), threshold: 2 };
      expect(given(ticketDecider, flagged).rejects(clear).code).toBe('trigger_request_stale');
      const rerated = [
        ...flagged,
        ...given(ticketDecider, flagged).when({ kind: 'RateCsat', ...ids, at: at('10:50'), score: 5, comment: null }),
      ];
      expect(given(ticketDecider, rerated).when(clear)).toEqual([
        { type: 'LowCsatCleared', data: { ...ids, score: 5, at: at('11:00') } },
      ]);
    });

    it('alerts a breached target once, and refuses one that has not breached', () => {
      const alert: TicketCommand = {
        kind: 'AlertStrategicBreach',
        ...ids,
        at: at('11:01'),
        instance: 'first_response:1',
      };
      const breached = history(open(), {
        kind: 'RecordSlaBreach',
        ...ids,
        at: at('11:00'),
        instance: 'first_response:1',
        dueAt: at('11:00'),
      });
      expect(given(ticketDecider, breached).when(alert)).toEqual([
        {
          type: 'StrategicBreachAlerted',
          data: { ...ids, instance: 'first_response:1', breachedAt: at('11:00'), at: at('11:01') },
        },
      ]);
      expect(given(ticketDecider, [...breached, ...given(ticketDecider, breached).when(alert)]).when(alert)).toEqual(
        [],
      );
      expect(given(ticketDecider, history(open())).rejects(alert).code).toBe('sla_request_stale');
    });
  });
});
