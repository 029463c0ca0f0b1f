// Search results with their facets, sort, "Did you mean", paging and click tracking; used by search and category pages.
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api } from "../../app/api";
import type { SearchResult, SearchSort } from "../../api/types";
import { LoadError } from "../../components/load-error";
import { LoadMore } from "../../components/load-more";
import { usePagedData } from "../../components/use-paged-data";
import { categoryLabel, useCategories } from "../catalog/categories";
import { countryName } from "../catalog/countries";
import { conditionLabels, formatLabels } from "../catalog/listing-rules";
import { FacetSidebar } from "./facet-sidebar";
import { ResultCard } from "./result-card";
import { effectiveSort, hasFilters, searchParamsOf, searchQueryOf, sortLabels, type SearchState } from "./search-state";

interface SearchViewProps {
  state: SearchState;
  // Set on a category page: the category is in the path (/c/:categoryId), not in the query string.
  categoryInPath: boolean;
}

export function SearchView({ state, categoryInPath }: SearchViewProps) {
  const navigate = useNavigate();
  const categories = useCategories();
  const index = categories.state.status === "ready" ? categories.state.index : null;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const queryKey = JSON.stringify(searchQueryOf(state));
  const results = usePagedData<SearchResult>((cursor, signal) => api.search(searchQueryOf(state, cursor), signal), [queryKey]);

  const pathFor = (categoryId: string | null) => (categoryInPath && categoryId !== null ? `/c/${categoryId}` : "/search");
  const href = (next: SearchState) => {
    const query = searchParamsOf(next, categoryInPath && next.categoryId !== null).toString();
    return `${pathFor(next.categoryId)}${query === "" ? "" : `?${query}`}`;
  };
  const hrefFor = (changes: Partial<SearchState>) => href({ ...state, ...changes });
  const categoryHref = (categoryId: string | null) => href({ ...state, categoryId });

  const first = results.first;
  const page = first.data;
  const loading = first.status === "loading";
  const filtered = hasFilters(state, categoryInPath);
  const chips = appliedFilters(state, categoryInPath, index === null ? (id) => id : (id) => categoryLabel(index, id), hrefFor);

  function onSort(sort: SearchSort): void {
    // Replace, not push: stepping through the options with the keyboard should not fill the history.
    void navigate(hrefFor({ sort: sort === (state.q === "" ? "newest" : "relevance") ? null : sort }), { replace: true });
  }

  return (
    <div className="search-layout">
      <div className="results-toolbar">
        <h2 id="results-title" className="results-count" aria-live="polite">
          {page === null ? "Searching…" : resultCountText(page.total, page.didYouMean || state.q)}
        </h2>
        <div className="results-controls">
          <button type="button" className="button button-secondary button-small filters-toggle" aria-expanded={filtersOpen} aria-controls="search-filters" onClick={() => setFiltersOpen((open) => !open)}>
            {filtersOpen ? "Hide filters" : "Filters"}
          </button>
          <label className="sort-control">
            <span>Sort by</span>
            <select value={effectiveSort(state)} onChange={(event) => onSort(event.target.value as SearchSort)}>
              {(Object.keys(sortLabels) as SearchSort[])
                .filter((sort) => sort !== "relevance" || state.q !== "")
                .map((sort) => (
                  <option key={sort} value={sort}>
                    {sortLabels[sort]}
                  </option>
                ))}
            </select>
          </label>
        </div>
      </div>
      <aside className={`search-sidebar ${filtersOpen ? "is-open" : ""}`} aria-label="Filters" id="search-filters">
        <FacetSidebar state={state} facets={page?.facets ?? null} index={index} hrefFor={hrefFor} categoryHref={categoryHref} categoryInPath={categoryInPath} />
      </aside>
      <section className="search-results" aria-labelledby="results-title" aria-busy={loading}>
        {chips.length > 0 && (
          <ul className="filter-chips" aria-label="Applied filters">
            {chips.map((chip) => (
              <li key={chip.label}>
                <Link to={chip.href} className="filter-chip" aria-label={`Remove filter: ${chip.label}`}>
                  {chip.label} <span aria-hidden="true">×</span>
                </Link>
              </li>
            ))}
            {chips.length > 1 && (
              <li>
                <Link to={href({ ...state, categoryId: categoryInPath ? state.categoryId : null, condition: null, format: null, crowdship: null, shipsTo: null, min: "", max: "" })} className="button button-link button-small">
                  Clear all
                </Link>
              </li>
            )}
          </ul>
        )}
        {page?.didYouMean !== undefined && page.didYouMean !== "" && (
          <p className="did-you-mean">
            Did you mean <Link to={href({ ...state, q: page.didYouMean })}>{page.didYouMean}</Link>?{" "}
            <span className="muted">
              Nothing matched “{state.q}”, so these are the results for “{page.didYouMean}”.
            </span>
          </p>
        )}
        {first.status === "error" && <LoadError message={first.message} onRetry={results.reload} />}
        {page === null ? (
          first.status === "loading" && (
            <p className="loading" role="status">
              Searching…
            </p>
          )
        ) : results.items.length === 0 ? (
          <div className="empty-state">
            <h3>{state.q === "" ? "No listings here yet" : `No listings match “${state.q}”`}</h3>
            <p>{filtered ? "Try removing a filter." : state.q === "" ? "New listings show up here as soon as sellers publish them." : "Check the spelling or try fewer or more general words."}</p>
            {filtered && (
              <Link to={href({ ...state, categoryId: categoryInPath ? state.categoryId : null, condition: null, format: null, crowdship: null, shipsTo: null, min: "", max: "" })} className="button button-secondary">
                Clear filters
              </Link>
            )}
          </div>
        ) : (
          <>
            <ul className={`results-grid ${loading ? "is-stale" : ""}`} aria-label="Results">
              {results.items.map((hit, position) => (
                <li key={hit.id}>
                  <ResultCard hit={hit} onOpen={() => api.recordSearchClick({ queryId: page.queryId, listingId: hit.id, position })} />
                </li>
              ))}
            </ul>
            <LoadMore
              hasMore={results.nextCursor !== null && !loading}
              more={results.more}
              onLoadMore={() => void results.loadMore()}
              summary={`Showing ${results.items.length.toLocaleString()} of ${page.total.toLocaleString()}.`}
            />
          </>
        )}
      </section>
    </div>
  );
}

function resultCountText(total: number, q: string): string {
  const count = `${total.toLocaleString()} ${total === 1 ? "result" : "results"}`;
  return q === "" ? count : `${count} for “${q}”`;
}

// Each applied filter as a removable chip, so they are visible (and removable) on small screens too.
function appliedFilters(state: SearchState, categoryInPath: boolean, nameOf: (categoryId: string) => string, hrefFor: (changes: Partial<SearchState>) => string) {
  const chips: { label: string; href: string }[] = [];
  if (state.categoryId !== null && !categoryInPath) chips.push({ label: nameOf(state.categoryId), href: hrefFor({ categoryId: null }) });
  if (state.condition !== null) chips.push({ label: conditionLabels[state.condition], href: hrefFor({ condition: null }) });
  if (state.format !== null) chips.push({ label: formatLabels[state.format], href: hrefFor({ format: null }) });
  if (state.crowdship !== null) chips.push({ label: state.crowdship ? "Crowdship eligible" : "Not crowdship eligible", href: hrefFor({ crowdship: null }) });
  if (state.shipsTo !== null) chips.push({ label: `Ships to ${countryName(state.shipsTo)}`, href: hrefFor({ shipsTo: null }) });
  if (state.min !== "" || state.max !== "") {
    const range = state.min !== "" && state.max !== "" ? `${state.min}–${state.max}` : state.min !== "" ? `from ${state.min}` : `up to ${state.max}`;
    chips.push({ label: `${state.currency} ${range}`, href: hrefFor({ min: "", max: "" }) });
  }
  return chips;
}
