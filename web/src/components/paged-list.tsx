// A cursor-paged list as a page shows it: the load error, loading, the empty state, the items (dimmed while refreshing) and Load more.
import type { ReactNode } from "react";
import type { ApiData } from "./use-api-data";
import { LoadError } from "./load-error";
import { LoadMore } from "./load-more";

// What usePagedData returns, for any item type.
interface PagedData<I> {
  first: ApiData<unknown>;
  reload: () => void;
  items: I[];
  nextCursor: string | null;
  loadMore: () => Promise<void>;
  more: { status: "idle" } | { status: "loading" } | { status: "error"; message: string };
}

interface PagedListProps<I> {
  list: PagedData<I>;
  // The list's accessible name, e.g. "Selling orders".
  label: string;
  className: string;
  loadingText: string;
  empty: ReactNode;
  children: (item: I) => ReactNode;
}

export function PagedList<I>({ list, label, className, loadingText, empty, children }: PagedListProps<I>) {
  if (list.first.status === "error" && list.first.data === null) return <LoadError message={list.first.message} onRetry={list.reload} />;
  if (list.first.data === null) {
    return (
      <p className="loading" role="status">
        {loadingText}
      </p>
    );
  }
  if (list.items.length === 0) return <div className="empty-state">{empty}</div>;
  const refreshing = list.first.status === "loading";
  return (
    <>
      <ul className={`${className} ${refreshing ? "is-stale" : ""}`} aria-label={label} aria-busy={refreshing}>
        {list.items.map(children)}
      </ul>
      <LoadMore
        hasMore={list.nextCursor !== null && !refreshing}
        more={list.more}
        onLoadMore={() => void list.loadMore()}
        summary={list.nextCursor === null ? `Showing all ${list.items.length}.` : `Showing ${list.items.length}.`}
      />
    </>
  );
}
