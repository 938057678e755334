import { dateTime } from '../format';

interface Actor {
  id: string;
  kind: string;
}

/** A timeline entry (actor and summary of its own) or an event read from the log (actor in its metadata). */
interface LoggedEvent {
  position: string;
  type: string;
  recordedAt: string;
  data?: unknown;
  summary?: string;
  actor?: Actor;
  occurredAt?: string;
  metadata?: { actor?: Actor; occurredAt?: string };
}

const actorOf = (event: LoggedEvent): Actor | undefined => event.actor ?? event.metadata?.actor;
const describe = (actor: Actor | undefined): string => (actor ? `${actor.kind} ${actor.id}` : '—');

/** Events in log order: position, type, when, who, and the payload on demand. */
export function EventTable({ events }: { events: LoggedEvent[] }) {
  if (events.length === 0) return <p class="muted">No events.</p>;
  return (
    <table class="events">
      <thead>
        <tr>
          <th>Position</th>
          <th>Event</th>
          <th>Occurred</th>
          <th>Recorded</th>
          <th>By</th>
          <th>What</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr data-position={event.position}>
            <td class="number">{event.position}</td>
            <td>{event.type}</td>
            <td>{dateTime(event.occurredAt ?? event.metadata?.occurredAt)}</td>
            <td>{dateTime(event.recordedAt)}</td>
            <td>{describe(actorOf(event))}</td>
            <td>
              <details>
                <summary>{event.summary ?? 'payload'}</summary>
                <pre>{JSON.stringify(event.data, null, 2)}</pre>
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
