// Upserts the category tree (db/seed/categories.ts): safe to run on every start and in production.
import { sql } from "drizzle-orm";
import { categories } from "../../db/schema";
import { categoryRows } from "../../db/seed/categories";
import { openNodeDatabase, type NodeDatabaseTarget } from "../db/node-database";

export async function seedCategories(target: NodeDatabaseTarget): Promise<number> {
  const database = openNodeDatabase(target);
  try {
    const rows = categoryRows();
    await database.orm
      .insert(categories)
      .values(rows)
      .onConflictDoUpdate({
        target: categories.id,
        set: { name: sql`excluded.name`, slug: sql`excluded.slug`, path: sql`excluded.path`, parentId: sql`excluded.parent_id`, position: sql`excluded.position`, attributes: sql`excluded.attributes` },
      });
    return rows.length;
  } finally {
    await database.end();
  }
}
