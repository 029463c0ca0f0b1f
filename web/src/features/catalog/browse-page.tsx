// The browse page: every category with its subcategories, then the newest listings across the marketplace.
import { Link } from "react-router";
import { api } from "../../app/api";
import { LoadError } from "../../components/load-error";
import { useApiData } from "../../components/use-api-data";
import { ResultCard } from "../search/result-card";
import { useCategories } from "./categories";

// Enough for two or three rows on a wide screen, a teaser rather than a feed.
const newestCount = 10;

export function BrowsePage() {
  const categories = useCategories();
  return (
    <div className="browse-page">
      <title>Browse categories · Mnbara</title>
      <header className="page-header">
        <h1>Browse</h1>
        <p className="lead">Find items by category, or search for something specific from the bar at the top.</p>
      </header>
      <section aria-labelledby="categories-title">
        <h2 id="categories-title">Categories</h2>
        {categories.state.status === "error" ? (
          <LoadError message={categories.state.message} onRetry={categories.retry} />
        ) : categories.state.status === "loading" ? (
          <p className="loading" role="status">
            Loading categories…
          </p>
        ) : (
          <ul className="category-grid">
            {categories.state.index.tree.map((top) => (
              <li key={top.id} className="category-card">
                <h3>
                  <Link to={`/c/${top.id}`}>{top.name}</Link>
                </h3>
                {(top.children ?? []).length > 0 && (
                  <ul className="category-children" aria-label={`${top.name} subcategories`}>
                    {(top.children ?? []).map((child) => (
                      <li key={child.id}>
                        <Link to={`/c/${child.id}`}>{child.name}</Link>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <NewestListings />
    </div>
  );
}

function NewestListings() {
  const { state, reload } = useApiData((signal) => api.search({ sort: "newest", limit: newestCount }, signal), []);
  if (state.status === "ready" && state.data.items.length === 0) return null;
  return (
    <section aria-labelledby="newest-title" className="newest">
      <div className="section-heading">
        <h2 id="newest-title">Newest listings</h2>
        <Link to="/search?sort=newest">See all</Link>
      </div>
      {state.status === "error" ? (
        <LoadError message={state.message} onRetry={reload} />
      ) : state.data === null ? (
        <p className="loading" role="status">
          Loading listings…
        </p>
      ) : (
        <ul className="results-grid">
          {state.data.items.map((hit, position) => {
            const queryId = state.data?.queryId;
            return (
              <li key={hit.id}>
                <ResultCard hit={hit} onOpen={queryId === undefined ? undefined : () => api.recordSearchClick({ queryId, listingId: hit.id, position })} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
