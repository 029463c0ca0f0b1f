// Inserts generated listings in multi-row batches over one connection, with a progress bar, then ANALYZEs the table.
import { sql } from "drizzle-orm";
import { listings } from "../../db/schema";
import { openNodeDatabase, type NodeDatabaseTarget } from "../db/node-database";
import { createGeneratorContext, generateListing, mulberry32 } from "./listing-generator";
import { createProgress } from "./progress";

/** Rows per INSERT: ~28 parameters a row stays below Postgres' 65,535-parameter limit, and ~1 MB statements keep round trips few. */
const BATCH_SIZE = 1_000;

export interface SeedListingsOptions {
  count: number;
  seed: number;
  sellerIds: readonly string[];
}

/** Adds `count` listings (each run adds more; it does not top up to a total). Returns the seconds it took. */
export async function seedListings(target: NodeDatabaseTarget, options: SeedListingsOptions): Promise<number> {
  const database = openNodeDatabase(target);
  const context = createGeneratorContext({ nowMs: Date.now(), count: options.count, sellerIds: options.sellerIds });
  const rng = mulberry32(options.seed);
  const startedMs = performance.now();
  const progress = createProgress("[seed] listings", options.count);
  let inserting: Promise<void> | null = null;
  try {
    for (let start = 0; start < options.count; start += BATCH_SIZE) {
      const size = Math.min(BATCH_SIZE, options.count - start);
      const rows = Array.from({ length: size }, (_, offset) => generateListing(start + offset, rng, context));
      // Node builds the next batch while Postgres inserts this one, so both cores work.
      await inserting;
      inserting = database.orm.insert(listings).values(rows).then(() => progress.advance(size));
    }
    await inserting;
    progress.finish();
    // Fresh statistics, so the planner does not treat a table of 100,000 rows as empty.
    await database.orm.execute(sql`analyze listings`);
    return (performance.now() - startedMs) / 1000;
  } finally {
    await inserting?.catch(() => undefined); // after a failure, let the statement in flight end before closing
    await database.end();
  }
}
