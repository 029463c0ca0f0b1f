// `npm run seed`: idempotent demo data (one user per role) in DATABASE_URL or the local dev database. Later issues add catalog data here.
import { seedCategories } from "./platform/seed-categories";
import { seedDemoUsers, DEMO_USERS } from "./platform/seed-users";
import { openScriptDatabase } from "./platform/database-target";
import { loadDevSecrets } from "./platform/dev-secrets";
import { join } from "node:path";
import { ROOT } from "./platform/start-platform";

const log = (message: string) => console.log(`[seed] ${message}`);
// The pepper must be the one the Worker uses, or seeded passwords will not verify: PASSWORD_PEPPER, else the dev one.
const pepper = process.env.PASSWORD_PEPPER ?? (await loadDevSecrets(join(ROOT, ".data/dev-secrets.json"))).PASSWORD_PEPPER;
const database = await openScriptDatabase(log);
try {
  log(`${database.describe}: ${await seedCategories(database.target)} categories upserted`);
  const created = await seedDemoUsers(database.target, pepper);
  log(`${database.describe}: ${created} new demo users (${DEMO_USERS.length - created} already there)`);
} finally {
  await database.release();
}
