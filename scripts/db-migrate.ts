// `npm run db:migrate`: applies db/migrations to DATABASE_URL (Neon in production), or to the local dev database when it is unset.
import { migrateDatabase } from "./db/migrate";
import { openScriptDatabase } from "./platform/database-target";

const log = (message: string) => console.log(`[db:migrate] ${message}`);
const database = await openScriptDatabase(log);
try {
  await migrateDatabase(database.target);
  log(`migrations applied to ${database.describe}`);
} finally {
  await database.release();
}
