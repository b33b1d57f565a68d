/** Loading data in components: one small hook with loading, error, reload, and stale data kept while reloading. */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Query<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetch again; the current data stays on screen until the new answer arrives. */
  reload: () => void;
}

/**
 * Runs `load` when `key` changes (and on `reload()`), aborting the previous request.
 *
 * @example
 * const incident = useQuery(`incident:${id}`, (signal) => fetchIncident(id, signal));
 */
export function useQuery<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  options: { keepPrevious?: boolean } = {},
): Query<T> {
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: unknown; loading: boolean }>({
    key,
    data: undefined,
    error: undefined,
    loading: key !== null,
  });
  const [version, setVersion] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((previous) => ({
      ...previous,
      loading: true,
      ...(previous.key === key || options.keepPrevious ? {} : { key, data: undefined, error: undefined }),
    }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ ...previous, key, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // With keepPrevious (e.g. a list whose filters changed), the last answer stays until the new one arrives.
  const current = state.key === key || (options.keepPrevious === true && key !== null);
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: key !== null && (!current || state.loading),
    reload,
  };
}
