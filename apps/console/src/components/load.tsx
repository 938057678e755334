import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure } from '../api';

export interface Loaded<T> {
  data: T | undefined;
  failure: ApiFailure | undefined;
  reload: () => void;
}

/**
 * What `load` answers, loaded again when `deps` change and every `refreshMs` (live pages). The data
 * shown stays until the next answer replaces it, and an answer older than the latest request is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], refreshMs?: number): Loaded<T> {
  const [data, setData] = useState<T>();
  const [failure, setFailure] = useState<ApiFailure>();
  const latest = useRef(0);
  // `deps` says when `load` changes (it is a new closure on every render).
  const run = useCallback(() => {
    const request = ++latest.current;
    load().then(
      (answer) => request === latest.current && (setData(answer), setFailure(undefined)),
      (error: unknown) => request === latest.current && setFailure(asFailure(error)),
    );
  }, deps);
  useEffect(() => {
    run();
    if (!refreshMs) return undefined;
    const timer = setInterval(run, refreshMs);
    return () => clearInterval(timer);
  }, [run, refreshMs]);
  return { data, failure, reload: run };
}

export function asFailure(error: unknown): ApiFailure {
  return error instanceof ApiFailure ? error : new ApiFailure(0, 'console_error', (error as Error).message);
}

/** What went wrong, in the API's words; a 403 says which scope the key lacks. */
export function FailureNote({ failure }: { failure: ApiFailure | undefined }) {
  if (!failure) return null;
  const hint = failure.status === 403 ? ' — this key lacks the scope for it; use a key with that scope.' : '';
  return (
    <p class="failure" role="alert">
      {failure.message}
      {hint} <span class="code">({failure.code})</span>
    </p>
  );
}

/** Shows `render(data)` once loaded, the failure if any, and a placeholder before the first answer. */
export function Loading<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ComponentChildren }) {
  return (
    <>
      <FailureNote failure={loaded.failure} />
      {loaded.data === undefined ? !loaded.failure && <p class="muted">Loading…</p> : children(loaded.data)}
    </>
  );
}
