import { useCallback, useEffect, useState, type DependencyList } from "react";

export interface Refreshing<T> {
  /** The latest data loaded, kept on screen while newer data loads. */
  data: T | undefined;
  /** The latest failure, cleared by the next success. */
  error: unknown;
  isLoading: boolean;
  reload: () => void;
}

/**
 * Like `useLoader`, but keeps the previous data while the next load runs: changing a filter
 * dims the charts for a moment instead of replacing the whole dashboard with "Loading…" and
 * losing the reader's scroll position. Stale answers never overwrite newer ones.
 */
export function useRefreshingLoader<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Refreshing<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; isLoading: boolean }>({
    data: undefined,
    error: undefined,
    isLoading: true,
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, isLoading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, isLoading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ ...previous, error, isLoading: false }));
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure every render; `deps` say when it really changes.
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  return { ...state, reload };
}
