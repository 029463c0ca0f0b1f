// The search page (/search?q=…): the state comes from the URL, so every search and filter can be shared or bookmarked.
import { useSearchParams } from "react-router";
import { readSearchState } from "./search-state";
import { SearchView } from "./search-view";

export function SearchPage() {
  const [params] = useSearchParams();
  const state = readSearchState(params);
  return (
    <div className="search-page">
      <title>{state.q === "" ? "Search · Mnbara" : `${state.q} · Search · Mnbara`}</title>
      <header className="page-header">
        <h1>{state.q === "" ? "All listings" : `Search: ${state.q}`}</h1>
      </header>
      <SearchView state={state} categoryInPath={false} />
    </div>
  );
}
