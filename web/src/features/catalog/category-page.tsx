// A category's page (/c/:categoryId): its subcategories, then its listings and those of its subcategories, with facets.
import { Link, useParams, useSearchParams } from "react-router";
import { LoadError } from "../../components/load-error";
import { readSearchState } from "../search/search-state";
import { SearchView } from "../search/search-view";
import { CategoryBreadcrumb } from "./category-breadcrumb";
import { useCategories } from "./categories";

export function CategoryPage() {
  const { categoryId = "" } = useParams();
  const [params] = useSearchParams();
  const categories = useCategories();
  const state = readSearchState(params, categoryId);

  if (categories.state.status === "error") return <LoadError message={categories.state.message} onRetry={categories.retry} />;
  if (categories.state.status === "loading") {
    return (
      <p className="loading" role="status">
        Loading categories…
      </p>
    );
  }
  const entry = categories.state.index.byId.get(categoryId);
  if (entry === undefined) {
    return (
      <section className="card narrow" aria-labelledby="category-missing-title">
        <title>Category not found · Mnbara</title>
        <h1 id="category-missing-title">Category not found</h1>
        <p>There is no category at this address.</p>
        <p>
          <Link to="/browse">See all categories</Link>
        </p>
      </section>
    );
  }
  const { category, parent } = entry;
  // A leaf shows its siblings, so moving sideways in the tree is one click.
  const nearby = (category.children ?? []).length > 0 ? (category.children ?? []) : (parent?.children ?? []);
  return (
    <div className="category-page">
      <title>{`${category.name} · Mnbara`}</title>
      <CategoryBreadcrumb categoryId={category.id} linkLast={false} />
      <header className="page-header">
        <h1>{category.name}</h1>
      </header>
      {nearby.length > 0 && (
        <nav aria-label={(category.children ?? []).length > 0 ? `${category.name} subcategories` : `Other ${parent?.name ?? ""} categories`} className="subcategory-nav">
          <ul className="chip-list">
            {parent !== null && (
              <li>
                <Link to={`/c/${parent.id}`} className="chip">
                  All {parent.name}
                </Link>
              </li>
            )}
            {nearby.map((child) => (
              <li key={child.id}>
                <Link to={`/c/${child.id}`} className="chip" aria-current={child.id === category.id ? "page" : undefined}>
                  {child.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <SearchView key={category.id} state={state} categoryInPath />
    </div>
  );
}
