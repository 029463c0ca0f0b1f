// The category tree, fetched once per visit and shared by every page, plus lookups by id.
import { useEffect, useSyncExternalStore } from "react";
import { api } from "../../app/api";
import type { Category } from "../../api/types";
import { errorMessage } from "../../components/error-message";

export interface CategoryEntry {
  category: Category;
  parent: Category | null;
}

export interface CategoryIndex {
  tree: Category[];
  byId: ReadonlyMap<string, CategoryEntry>;
}

export type CategoriesState = { status: "loading" } | { status: "ready"; index: CategoryIndex } | { status: "error"; message: string };

let state: CategoriesState = { status: "loading" };
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function setState(next: CategoriesState): void {
  state = next;
  for (const listener of listeners) listener();
}

function ensureLoaded(): void {
  if (state.status === "ready" || loading !== null) return;
  if (state.status === "error") setState({ status: "loading" });
  loading = api
    .categories()
    .then((tree) => setState({ status: "ready", index: indexOf(tree) }))
    .catch((error: unknown) => setState({ status: "error", message: errorMessage(error) }))
    .finally(() => {
      loading = null;
    });
}

function indexOf(tree: Category[]): CategoryIndex {
  const byId = new Map<string, CategoryEntry>();
  for (const top of tree) {
    byId.set(top.id, { category: top, parent: null });
    for (const child of top.children ?? []) byId.set(child.id, { category: child, parent: top });
  }
  return { tree, byId };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The tree's state; `retry` fetches it again after a failure. */
export function useCategories(): { state: CategoriesState; retry: () => void } {
  const current = useSyncExternalStore(subscribe, () => state);
  useEffect(ensureLoaded, []);
  return { state: current, retry: ensureLoaded };
}

/** The category and its ancestors, top level first; empty for an unknown id. */
export function categoryTrail(index: CategoryIndex, id: string): Category[] {
  const entry = index.byId.get(id);
  if (entry === undefined) return [];
  return entry.parent === null ? [entry.category] : [entry.parent, entry.category];
}

/** "Electronics › Phones"; the id itself when the tree does not know it. */
export function categoryLabel(index: CategoryIndex, id: string): string {
  const trail = categoryTrail(index, id);
  return trail.length === 0 ? id : trail.map((category) => category.name).join(" › ");
}

export function isLeaf(category: Category): boolean {
  return (category.children ?? []).length === 0;
}
