// The category tree: read for browsing and to validate listings. It changes only on deploy, so each isolate keeps a copy briefly.
import { asc } from "drizzle-orm";
import { categories, type AttributeDefinition } from "../../db/schema";
import type { Queryable } from "../platform/db";

export interface CategoryNode {
  id: string;
  name: string;
  slug: string;
  path: string;
  parentId: string | null;
  attributes: AttributeDefinition[];
  children?: CategoryNode[];
}

interface CategoryIndex {
  tree: CategoryNode[];
  byId: Map<string, CategoryNode>;
  loadedAtMs: number;
}

/** Seeded reference data; a minute of staleness after a deploy that changes it is harmless. */
const CATEGORY_CACHE_TTL_MS = 60_000;
let cached: CategoryIndex | null = null;

async function load(q: Queryable): Promise<CategoryIndex> {
  const rows = await q.select().from(categories).orderBy(asc(categories.position), asc(categories.name));
  const byId = new Map<string, CategoryNode>();
  for (const row of rows) byId.set(row.id, { id: row.id, name: row.name, slug: row.slug, path: row.path, parentId: row.parentId, attributes: row.attributes });
  const tree: CategoryNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else tree.push(node);
  }
  return { tree, byId, loadedAtMs: Date.now() };
}

export async function categoryIndex(q: Queryable): Promise<CategoryIndex> {
  if (!cached || Date.now() - cached.loadedAtMs > CATEGORY_CACHE_TTL_MS) cached = await load(q);
  return cached;
}

export async function findCategory(q: Queryable, id: string): Promise<CategoryNode | null> {
  return (await categoryIndex(q)).byId.get(id) ?? null;
}
