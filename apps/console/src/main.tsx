import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import 'uplot/dist/uPlot.min.css';
import './console.css';
import { answered, api, ApiFailure, connect, forgetKey, storedKey, storeKey } from './api';
import { href } from './components/bits';
import { AccountPage } from './pages/account';
import { OperationsPage } from './pages/operations';
import { QueuesPage } from './pages/queues';
import { ReportsPage } from './pages/reports';
import { TicketPage } from './pages/ticket';

/** The page a hash names: #/queues[/group], #/tickets/id, #/accounts/id, #/reports, #/operations. */
function route(hash: string) {
  const [page = 'queues', id] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (page === 'tickets' && id) return <TicketPage id={id} key={id} />;
  if (page === 'accounts' && id) return <AccountPage id={id} key={id} />;
  if (page === 'reports') return <ReportsPage />;
  if (page === 'operations') return <OperationsPage />;
  return <QueuesPage group={id} />;
}

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const follow = () => setHash(location.hash);
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return hash;
}

function Console() {
  const [key, setKey] = useState(storedKey());
  const [refusal, setRefusal] = useState<ApiFailure>();
  const hash = useHash();
  const signOut = (failure?: ApiFailure) => (forgetKey(), setKey(null), setRefusal(failure));
  // During render, not after: the pages' first calls need the key.
  useMemo(() => key && connect(key, signOut), [key]);
  if (!key) return <KeyGate refusal={refusal} onKey={(accepted) => (storeKey(accepted), setKey(accepted))} />;
  const page = hash.replace(/^#\/?/, '').split('/')[0] || 'queues';
  return (
    <>
      <header>
        <b>Support Ops</b>
        <nav>
          {['queues', 'reports', 'operations'].map((name) => (
            <a href={href(name)} class={page === name ? 'current' : ''}>
              {name[0].toUpperCase() + name.slice(1)}
            </a>
          ))}
          <Lookup />
        </nav>
        <button class="sign-out" onClick={() => signOut()}>
          Forget key
        </button>
      </header>
      <main>{route(hash)}</main>
    </>
  );
}

/** Go to a ticket or an account by its id. */
function Lookup() {
  const [id, setId] = useState('');
  const go = (kind: string) => id.trim() && (location.hash = href(kind, id.trim()));
  return (
    <form class="lookup" onSubmit={(event) => (event.preventDefault(), go('tickets'))}>
      <input
        name="lookup"
        placeholder="ticket or account id"
        value={id}
        onInput={(e) => setId((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Ticket</button>
      <button type="button" onClick={() => go('accounts')}>
        Account
      </button>
    </form>
  );
}

/**
 * Asks for an API key or JWT, tries it on the API (a `read` query), and keeps it for the tab only when
 * the API accepts it; a refusal is shown in the API's words.
 */
function KeyGate({ refusal, onKey }: { refusal: ApiFailure | undefined; onKey: (key: string) => void }) {
  const [failure, setFailure] = useState(refusal);
  const [checking, setChecking] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const key = new FormData(event.target as HTMLFormElement).get('key')?.toString().trim() ?? '';
    if (!key) return setFailure(new ApiFailure(0, 'key_missing', 'enter an API key or a JWT'));
    setChecking(true);
    connect(key, () => undefined);
    try {
      await answered(api().GET('/v1/queues'));
      onKey(key);
    } catch (error) {
      setFailure(error as ApiFailure);
    } finally {
      setChecking(false);
    }
  };
  return (
    <form class="key-gate" onSubmit={(event) => void submit(event)}>
      <h1>Support Ops console</h1>
      <p>
        Enter an API key or a JWT (any key with scope <code>read</code>; the Operations page needs <code>admin</code>).
        It is kept for this tab only.
      </p>
      <input name="key" type="password" autocomplete="off" placeholder="sk_… or eyJ…" />
      <button type="submit" disabled={checking}>
        {checking ? 'Checking…' : 'Open the console'}
      </button>
      {failure && (
        <p class="failure" role="alert">
          {failure.status === 401 ? 'The API refused this key: ' : ''}
          {failure.message} <span class="code">({failure.code})</span>
        </p>
      )}
    </form>
  );
}

const root = document.getElementById('console')!;
root.replaceChildren(); // the loading note of index.html
render(<Console />, root);
