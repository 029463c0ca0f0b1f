// `npm run seed [-- --listings N [--seed S] [--sellers M]]`: categories and demo users (idempotent), plus N generated listings owned by seed sellers.
import { seedCategories } from "./platform/seed-categories";
import { seedDemoUsers, DEMO_USERS } from "./platform/seed-users";
import { openScriptDatabase } from "./platform/database-target";
import { loadDevSecrets } from "./platform/dev-secrets";
import { join } from "node:path";
import { ROOT } from "./platform/start-platform";
import { parseSeedOptions, SEED_USAGE, SeedUsageError, type SeedOptions } from "./seed/seed-options";
import { seedSellers, SEED_SELLER_PASSWORD, sellerEmail } from "./seed/seed-sellers";
import { seedListings } from "./seed/seed-listings";

const log = (message: string) => console.log(`[seed] ${message}`);
/** Exit status for a wrong command line, as most CLIs use. */
const USAGE_EXIT_CODE = 2;

let options: SeedOptions;
try {
  options = parseSeedOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof SeedUsageError)) throw error;
  console.error(`[seed] ${error.message}\n${SEED_USAGE}`);
  process.exit(USAGE_EXIT_CODE);
}

// Demo users and generated listings have published passwords: they never go into a remote database by accident.
const remoteUrl = process.env.DATABASE_URL && !/^postgres(ql)?:\/\/[^@/]*@?(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(process.env.DATABASE_URL);
if (remoteUrl && !options.categoriesOnly && !process.env.SEED_ALLOW_DEMO_DATA) {
  console.error("[seed] DATABASE_URL is not local: only `npm run seed -- --categories-only` runs there (set SEED_ALLOW_DEMO_DATA=1 to override for a staging database).");
  process.exit(USAGE_EXIT_CODE);
}

// The pepper must be the one the Worker uses, or seeded passwords will not verify: PASSWORD_PEPPER, else the dev one.
const pepper = process.env.PASSWORD_PEPPER ?? (await loadDevSecrets(join(ROOT, ".data/dev-secrets.json"))).PASSWORD_PEPPER;
const database = await openScriptDatabase(log);
try {
  log(`${database.describe}: ${await seedCategories(database.target)} categories upserted`);
  if (!options.categoriesOnly) await seedDemoData(options);
} finally {
  await database.release();
}

async function seedDemoData({ listings: listingOptions }: SeedOptions): Promise<void> {
  const created = await seedDemoUsers(database.target, pepper);
  log(`${database.describe}: ${created} new demo users (${DEMO_USERS.length - created} already there)`);
  if (listingOptions) {
    const { count, seed, sellers } = listingOptions;
    const sellerAccounts = await seedSellers(database.target, pepper, sellers);
    log(`${sellerAccounts.created} new seed sellers (${sellers - sellerAccounts.created} already there): ${sellerEmail(0)}…${sellerEmail(sellers - 1)}, password ${SEED_SELLER_PASSWORD}`);
    const seconds = await seedListings(database.target, { count, seed, sellerIds: sellerAccounts.ids });
    log(`${count.toLocaleString("en-US")} listings (seed ${seed}) inserted and analyzed in ${seconds.toFixed(1)} s, ${Math.round(count / seconds).toLocaleString("en-US")}/s`);
  }
}
