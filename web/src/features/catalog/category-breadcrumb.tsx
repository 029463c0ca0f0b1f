// "Browse › Electronics › Phones": where a listing or category sits in the tree, each step a link.
import { Link } from "react-router";
import { categoryTrail, useCategories } from "./categories";

// `fallbackName` is shown while the tree loads (or if it fails), so the crumb never flickers to nothing.
export function CategoryBreadcrumb({ categoryId, fallbackName, linkLast = true }: { categoryId: string; fallbackName?: string; linkLast?: boolean }) {
  const { state } = useCategories();
  const trail = state.status === "ready" ? categoryTrail(state.index, categoryId) : [];
  const steps = trail.length > 0 ? trail.map((category) => ({ id: category.id, name: category.name })) : fallbackName ? [{ id: categoryId, name: fallbackName }] : [];
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        <li>
          <Link to="/browse">Browse</Link>
        </li>
        {steps.map((step, index) => (
          <li key={step.id}>
            {index === steps.length - 1 && !linkLast ? <span aria-current="page">{step.name}</span> : <Link to={`/c/${step.id}`}>{step.name}</Link>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
