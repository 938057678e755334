import { useState } from 'preact/hooks';
import { answered, api, type ApiFailure, type ProjectionName, type Schemas } from '../api';
import { Meter, StateBadge } from '../components/bits';
import { asFailure, FailureNote, Loading, useLoad } from '../components/load';

const REFRESH_MS = 2000;

interface Readiness {
  status: string;
  details: { eventStore?: { headPosition?: string; readerStallSeconds?: number; status: string; message?: string } };
}

/** Operations: read models (with rebuild), the Kafka relay, the ledger, the SLA clock and the log, refreshed live. */
export function OperationsPage() {
  const projections = useLoad(() => answered(api().GET('/v1/admin/projections')), [], REFRESH_MS);
  const relay = useLoad(() => answered(api().GET('/v1/admin/relay')), [], REFRESH_MS);
  const clock = useLoad(() => answered(api().GET('/v1/admin/sla-clock')), [], REFRESH_MS);
  const ledger = useLoad(() => answered(api().GET('/v1/ledger/status')), [], REFRESH_MS);
  // /ready answers 503 with the same body when a dependency is down: shown either way.
  const ready = useLoad(async () => (await fetch('/ready')).json() as Promise<Readiness>, [], REFRESH_MS);
  return (
    <section>
      <h1>Operations</h1>
      <h2>Read models</h2>
      <Loading loaded={projections}>
        {({ projections: list }) => <Projections list={list} reload={projections.reload} />}
      </Loading>
      <div class="columns">
        <div>
          <h2>The log</h2>
          <Loading loaded={ready}>{(answer) => <Log readiness={answer} />}</Loading>
        </div>
        <div>
          <h2>SLA clock</h2>
          <Loading loaded={clock}>{(backlog) => <Clock backlog={backlog} />}</Loading>
        </div>
        <div>
          <h2>Kafka relay</h2>
          <Loading loaded={relay}>{(status) => <Relay status={status} />}</Loading>
        </div>
        <div>
          <h2>Ledger</h2>
          <Loading loaded={ledger}>{(status) => <Ledger status={status} />}</Loading>
        </div>
      </div>
    </section>
  );
}

function Projections({ list, reload }: { list: Schemas['ProjectionStatus'][]; reload: () => void }) {
  const [failure, setFailure] = useState<ApiFailure>();
  // The names the status lists are the ones the rebuild takes.
  const rebuild = (name: string) =>
    answered(
      api().POST('/v1/admin/projections/{name}/rebuild', { params: { path: { name: name as ProjectionName } } }),
    ).then(
      () => (setFailure(undefined), reload()),
      (error: unknown) => setFailure(asFailure(error)),
    );
  return (
    <>
      <FailureNote failure={failure} />
      <table class="projections">
        <thead>
          <tr>
            <th>Read model</th>
            <th>State</th>
            <th>Position</th>
            <th>Lag</th>
            <th>Unknown events</th>
            <th>Rebuild</th>
          </tr>
        </thead>
        <tbody>
          {list.map((projection) => (
            <tr data-projection={projection.name}>
              <td>{projection.name}</td>
              <td>
                <StateBadge state={projection.state} />
                {projection.error && <p class="failure">{projection.error.message}</p>}
              </td>
              <td class="number">{projection.position}</td>
              <td>
                {projection.lag.eventsAtLeast ? '≥ ' : ''}
                {projection.lag.events} events, {projection.lag.seconds.toFixed(1)} s
              </td>
              <td class="number">{projection.unknownEvents}</td>
              <td>
                {projection.rebuild ? (
                  <RebuildProgress rebuild={projection.rebuild} />
                ) : (
                  <button onClick={() => void rebuild(projection.name)}>Rebuild</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function RebuildProgress({ rebuild }: { rebuild: NonNullable<Schemas['ProjectionStatus']['rebuild']> }) {
  const [done, target] = [Number(rebuild.position), Number(rebuild.target)];
  const share = target > 0 ? Math.min(1, done / target) : 0;
  return (
    <span class="rebuilding">
      <Meter value={done} max={target} kind="rebuild" /> {(share * 100).toFixed(0)} % of the log
    </span>
  );
}

function Log({ readiness }: { readiness: Readiness }) {
  const store = readiness.details.eventStore;
  return (
    <dl class="facts">
      <dt>Readiness</dt>
      <dd>
        <StateBadge state={readiness.status === 'ok' ? 'ready' : 'not_ready'} />
      </dd>
      <dt>Head position</dt>
      <dd class="head">{store?.headPosition ?? store?.message ?? '—'}</dd>
      <dt>Reader stall</dt>
      <dd>{store?.readerStallSeconds === undefined ? '—' : `${store.readerStallSeconds.toFixed(1)} s`}</dd>
    </dl>
  );
}

function Clock({ backlog }: { backlog: Schemas['SlaClockBacklog'] }) {
  return (
    <dl class="facts">
      <dt>Lag</dt>
      <dd class="clock-lag">{backlog.lagSeconds.toFixed(1)} s</dd>
      <dt>Instants not yet recorded</dt>
      <dd>
        {backlog.dueAtLeast ? '≥ ' : ''}
        {backlog.due}
      </dd>
      <dt>Earliest</dt>
      <dd>{backlog.oldestAt ?? 'none: caught up'}</dd>
    </dl>
  );
}

function Relay({ status }: { status: Schemas['RelayStatus'] }) {
  return (
    <dl class="facts">
      <dt>Enabled</dt>
      <dd>{status.enabled ? 'yes' : 'no (KAFKA_BROKERS unset)'}</dd>
      <dt>Checkpoint</dt>
      <dd>{status.position}</dd>
      <dt>Lag</dt>
      <dd>
        {status.lag.eventsAtLeast ? '≥ ' : ''}
        {status.lag.events} events, {status.lag.seconds.toFixed(1)} s
      </dd>
      <dt>Dead-lettered</dt>
      <dd class="dlq">{status.deadLettered}</dd>
    </dl>
  );
}

function Ledger({ status }: { status: Schemas['LedgerStatus'] }) {
  return (
    <dl class="facts ledger">
      <dt>Tree</dt>
      <dd>{status.size} events</dd>
      <dt>Lag</dt>
      <dd>
        {status.lag.eventsAtLeast ? '≥ ' : ''}
        {status.lag.events} events
      </dd>
      <dt>Checkpoint</dt>
      <dd class="checkpoint">
        {status.checkpoint
          ? `${status.checkpoint.size} events, signed ${status.checkpoint.ageSeconds.toFixed(0)} s ago`
          : 'none signed yet'}
      </dd>
      <dt>Verifier key</dt>
      <dd class="key">{status.verifierKey ?? '—'}</dd>
    </dl>
  );
}
