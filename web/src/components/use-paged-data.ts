// A cursor-paged list from the API: the first page loads with the page, "Load more" appends the next ones.
import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";
import { errorMessage } from "./error-message";
import { useApiData } from "./use-api-data";

interface CursorPage<I> {
  items: I[];
  nextCursor: string | null;
}

type MoreState = { status: "idle" } | { status: "loading" } | { status: "error"; message: string };

/** `first` is the whole first response (search also carries facets and totals); `items` are all loaded so far. */
export function usePagedData<P extends CursorPage<unknown>>(load: (cursor: string | undefined, signal: AbortSignal) => Promise<P>, deps: DependencyList) {
  type I = P["items"][number];
  const first = useApiData((signal) => load(undefined, signal), deps);
  // Later pages, tied to the first page they follow so a new search never shows another's leftovers.
  const [extraPages, setExtra] = useState<{ after: P; items: I[]; nextCursor: string | null } | null>(null);
  const [more, setMore] = useState<MoreState>({ status: "idle" });
  const controllerRef = useRef<AbortController | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  // While new filters load, the previous results stay on screen (the caller can dim them).
  const firstPage = first.state.data;
  const extra = extraPages !== null && extraPages.after === firstPage ? extraPages : null;
  // A new first page (other filters, a reload) starts the list over.
  useEffect(() => {
    controllerRef.current?.abort();
    setMore({ status: "idle" });
  }, [firstPage]);
  useEffect(() => () => controllerRef.current?.abort(), []);

  const nextCursor = extra !== null ? extra.nextCursor : (firstPage?.nextCursor ?? null);
  const items: I[] = firstPage === null ? [] : [...(firstPage.items as I[]), ...(extra?.items ?? [])];

  const loadMore = useCallback(async () => {
    if (nextCursor === null || firstPage === null) return;
    const after = firstPage;
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setMore({ status: "loading" });
    try {
      const page = await loadRef.current(nextCursor, controller.signal);
      if (controller.signal.aborted) return;
      setExtra((current) => ({ after, items: [...(current !== null && current.after === after ? current.items : []), ...page.items], nextCursor: page.nextCursor }));
      setMore({ status: "idle" });
    } catch (error) {
      if (!controller.signal.aborted) setMore({ status: "error", message: errorMessage(error) });
    }
  }, [nextCursor, firstPage]);

  return { first: first.state, reload: first.reload, items, nextCursor, loadMore, more };
}
