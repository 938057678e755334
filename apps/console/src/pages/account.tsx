import { useState } from 'preact/hooks';
import { answered, api, type Schemas } from '../api';
import { AsOfSlider, Meter } from '../components/bits';
import { Loading, useLoad } from '../components/load';
import { humanize, money } from '../format';
import { EventTable } from './events';

interface TimelineFilter {
  type?: string;
  from?: string;
  to?: string;
}

/** An account: contract, contacts, health with each factor, and its timeline, now or as of one of its events. */
export function AccountPage({ id }: { id: string }) {
  const [asOf, setAsOf] = useState<string>();
  const path = { path: { id } };
  const history = useLoad(
    () => answered(api().GET('/v1/accounts/{id}/history', { params: { ...path, query: { limit: 1000 } } })),
    [id],
  );
  const account = useLoad(
    () => answered(api().GET('/v1/accounts/{id}', { params: { ...path, query: { asOf } } })),
    [id, asOf],
  );
  const health = useLoad(() => answered(api().GET('/v1/accounts/{id}/health', { params: path })), [id]);
  const steps = history.data?.events ?? [];
  return (
    <section>
      <h1>Account {id}</h1>
      <AsOfSlider steps={steps} asOf={asOf} onChange={setAsOf} />
      <div class="columns">
        <div>
          <Loading loaded={account}>{(state) => <AccountFacts account={state} />}</Loading>
        </div>
        <div>
          <h2>Health {asOf && <small class="muted">(now)</small>}</h2>
          <Loading loaded={health}>{(score) => <Health score={score} />}</Loading>
        </div>
      </div>
      <Timeline id={id} asOf={asOf} types={[...new Set(steps.map((step) => step.type))].sort()} />
    </section>
  );
}

function AccountFacts({ account }: { account: Schemas['AccountResponse'] }) {
  return (
    <>
      <dl class="facts">
        <dt>Name</dt>
        <dd>{account.name}</dd>
        <dt>Tier</dt>
        <dd>{account.tier}</dd>
        <dt>ARR</dt>
        <dd class="arr">{money(account.arr)}</dd>
        <dt>Renewal</dt>
        <dd>{account.renewalDate}</dd>
        <dt>Owner</dt>
        <dd>{account.ownerId}</dd>
        <dt>Time zone</dt>
        <dd>{account.timeZone}</dd>
        <dt>Churned</dt>
        <dd>{account.churned ? `${account.churned.effectiveDate}: ${account.churned.reason}` : 'no'}</dd>
        <dt>Revision</dt>
        <dd>
          {account.revision} (position {account.position})
        </dd>
      </dl>
      <h2>Contacts</h2>
      <table class="contacts">
        <tbody>
          {account.contacts.map((contact) => (
            <tr>
              <td>{contact.name}</td>
              <td>{contact.email}</td>
              <td>{contact.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Health({ score }: { score: Schemas['AccountHealthResponse'] }) {
  return (
    <>
      <p class={`score band-${score.band}`}>
        <b>{score.score}</b> / 100 <span class={`badge band-${score.band}`}>{score.band}</span>
      </p>
      <table class="factors">
        <thead>
          <tr>
            <th>Factor</th>
            <th>Score</th>
            <th>Weight</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {score.factors.map((factor) => (
            <tr data-factor={factor.factor}>
              <td>{humanize(factor.factor)}</td>
              <td>
                {factor.score === null ? (
                  'no data'
                ) : (
                  <>
                    <Meter value={factor.score} max={100} kind="score" /> {factor.score}
                  </>
                )}
              </td>
              <td class="number">{factor.weight}</td>
              <td>{factor.explanation}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Timeline({ id, asOf, types }: { id: string; asOf: string | undefined; types: string[] }) {
  const [filter, setFilter] = useState<TimelineFilter>({});
  const query = {
    limit: 100,
    asOf,
    types: filter.type ? [filter.type] : undefined,
    from: filter.from ? `${filter.from}T00:00:00.000Z` : undefined,
    to: filter.to ? `${filter.to}T00:00:00.000Z` : undefined,
  };
  const timeline = useLoad(
    () => answered(api().GET('/v1/accounts/{id}/timeline', { params: { path: { id }, query } })),
    [id, JSON.stringify(query)],
  );
  const pick = (field: keyof TimelineFilter) => (event: Event) =>
    setFilter({ ...filter, [field]: (event.target as HTMLInputElement).value || undefined });
  return (
    <>
      <h2>Timeline</h2>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Event{' '}
          <select name="type" value={filter.type ?? ''} onChange={pick('type')}>
            <option value="">any</option>
            {types.map((type) => (
              <option value={type}>{type}</option>
            ))}
          </select>
        </label>
        <label>
          Occurred from <input type="date" name="from" value={filter.from ?? ''} onChange={pick('from')} />
        </label>
        <label>
          to <input type="date" name="to" value={filter.to ?? ''} onChange={pick('to')} />
        </label>
      </form>
      <Loading loaded={timeline}>
        {({ entries, nextCursor }) => (
          <>
            <EventTable events={entries} />
            {nextCursor && <p class="muted">Showing the first {entries.length}; narrow the filters to see others.</p>}
          </>
        )}
      </Loading>
    </>
  );
}
