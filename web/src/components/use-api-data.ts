// Loads data for a page from the API: loading, loaded and failed states, cancelled when inputs change or the page unmounts.
import { useCallback, useEffect, useState, type DependencyList } from "react";
import { errorMessage } from "./error-message";

export type ApiData<T> =
  | { status: "loading"; data: T | null }
  | { status: "ready"; data: T }
  | { status: "error"; data: T | null; message: string; error: unknown };

export interface ApiDataHandle<T> {
  state: ApiData<T>;
  reload: () => void;
  // Replaces the loaded value after a change the page made itself (e.g. the listing a PATCH returned).
  replace: (data: T) => void;
}

// `load` is called again whenever `deps` change; the previous call's signal is aborted so a slow answer cannot win.
export function useApiData<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): ApiDataHandle<T> {
  const [state, setState] = useState<ApiData<T>>({ status: "loading", data: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ status: "loading", data: previous.data }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "ready", data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ status: "error", data: previous.data, message: errorMessage(error), error }));
      },
    );
    return () => controller.abort();
    // `load` is a new function each render; `deps` say when it really changed.
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const replace = useCallback((data: T) => setState({ status: "ready", data }), []);
  return { state, reload, replace };
}
