// The "Load more" button under a paged list, with its own error and the count shown so far.
import type { ReactNode } from "react";

interface LoadMoreProps {
  hasMore: boolean;
  more: { status: "idle" } | { status: "loading" } | { status: "error"; message: string };
  onLoadMore: () => void;
  summary?: ReactNode;
}

export function LoadMore({ hasMore, more, onLoadMore, summary }: LoadMoreProps) {
  return (
    <div className="load-more">
      {summary !== undefined && (
        <p className="muted" aria-live="polite">
          {summary}
        </p>
      )}
      {more.status === "error" && (
        <p className="field-error" role="alert">
          {more.message}
        </p>
      )}
      {hasMore && (
        <button type="button" className="button button-secondary" onClick={onLoadMore} disabled={more.status === "loading"} aria-busy={more.status === "loading"}>
          {more.status === "loading" ? "Loading…" : more.status === "error" ? "Try again" : "Load more"}
        </button>
      )}
    </div>
  );
}
