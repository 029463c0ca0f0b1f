// Applies the committed drizzle-kit migrations (db/migrations) to a database; used by `npm run db:migrate`, dev and tests.
import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/neon-serverless/migrator";
import { openNodeDatabase, type NodeDatabaseTarget } from "./node-database";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../db/migrations", import.meta.url));

export async function migrateDatabase(target: NodeDatabaseTarget): Promise<void> {
  const database = openNodeDatabase(target);
  try {
    await migrate(database.orm, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await database.end();
  }
}
