import { useState } from 'preact/hooks';
import { answered, api, type Schemas } from '../api';
import { AsOfSlider, href, Meter, StateBadge } from '../components/bits';
import { Loading, useLoad } from '../components/load';
import { dateTime, duration, fromNow, humanize } from '../format';
import { EventTable } from './events';

/** A ticket: its state and SLA clocks now or as of one of its events, and its history from the log. */
export function TicketPage({ id }: { id: string }) {
  const [asOf, setAsOf] = useState<string>();
  const history = useLoad(() => answered(api().GET('/v1/tickets/{id}/history', { params: { path: { id } } })), [id]);
  const ticket = useLoad(
    () => answered(api().GET('/v1/tickets/{id}', { params: { path: { id }, query: { asOf } } })),
    [id, asOf],
  );
  const steps = history.data?.events ?? [];
  return (
    <section>
      <h1>Ticket {id}</h1>
      <AsOfSlider steps={steps} asOf={asOf} onChange={setAsOf} />
      <Loading loaded={ticket}>{(state) => <TicketState ticket={state} />}</Loading>
      <h2>History</h2>
      <Loading loaded={history}>
        {({ events }) => (
          <EventTable events={events.filter((event) => asOf === undefined || BigInt(event.position) <= BigInt(asOf))} />
        )}
      </Loading>
    </section>
  );
}

function TicketState({ ticket }: { ticket: Schemas['TicketResponse'] }) {
  return (
    <>
      <dl class="facts">
        <dt>Subject</dt>
        <dd>{ticket.subject}</dd>
        <dt>Status</dt>
        <dd>
          <span class={`badge status-${ticket.status}`}>{humanize(ticket.status)}</span>
        </dd>
        <dt>Priority</dt>
        <dd class={`priority-${ticket.priority}`}>{ticket.priority}</dd>
        <dt>Account</dt>
        <dd>
          <a href={href('accounts', ticket.accountId)}>{ticket.accountId}</a>
        </dd>
        <dt>Assignee</dt>
        <dd>{ticket.assignee ? `${ticket.assignee.agentId ?? 'nobody'} in ${ticket.assignee.group}` : '—'}</dd>
        <dt>Opened</dt>
        <dd>{dateTime(ticket.openedAt)}</dd>
        <dt>Escalation</dt>
        <dd>{ticket.escalation ? humanize(ticket.escalation) : '—'}</dd>
        <dt>CSAT</dt>
        <dd>{ticket.csat ? `${ticket.csat.score} / 5` : '—'}</dd>
        <dt>Revision</dt>
        <dd>
          {ticket.revision} (position {ticket.position})
        </dd>
      </dl>
      <h2>SLA {ticket.sla ? `— ${ticket.sla.policyName}` : ''}</h2>
      {ticket.sla ? <SlaClocks targets={ticket.sla.targets} /> : <p class="muted">No SLA policy applies.</p>}
    </>
  );
}

/**
 * Each target's clock: business minutes used of its budget, and whether it runs, waits, ended or
 * breached. A running target's minutes are those of its last change (the API does not tick them
 * between events), so its remaining time is read from its due instant instead.
 */
function SlaClocks({ targets }: { targets: Schemas['TicketSlaTarget'][] }) {
  return (
    <table class="sla">
      <thead>
        <tr>
          <th>Target</th>
          <th>State</th>
          <th>Budget used</th>
          <th>Remaining</th>
        </tr>
      </thead>
      <tbody>
        {targets.map((target) => {
          const state = targetState(target);
          const running = target.status === 'running';
          const used = running && target.breached ? target.budgetMinutes : target.usedMinutes;
          return (
            <tr data-target={target.instance}>
              <td>{humanize(target.metric)}</td>
              <td>
                <StateBadge state={state} />
              </td>
              <td>
                <Meter value={used} max={target.budgetMinutes} kind={state} /> {duration(target.usedMinutes)} of{' '}
                {duration(target.budgetMinutes)}
                {running && ' at its last change'}
              </td>
              <td>{running ? `due ${fromNow(target.dueAt)}` : remainingOf(target)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function remainingOf(target: Schemas['TicketSlaTarget']): string {
  const remaining = target.budgetMinutes - target.usedMinutes;
  const left = remaining >= 0 ? duration(remaining) : `over by ${duration(remaining)}`;
  return target.status === 'paused' ? `${left} (paused)` : left;
}

function targetState(target: Schemas['TicketSlaTarget']): string {
  if (target.breached) return 'breached';
  if (target.status === 'ended') return target.outcome ?? 'ended';
  if (target.status === 'paused') return 'paused';
  if (target.atRiskAt && Date.parse(target.atRiskAt) <= Date.now()) return 'at_risk';
  return 'on_track';
}
