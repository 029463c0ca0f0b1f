// Idempotent seed sellers (seller-001@seed.mnbara.dev, …) who own the generated listings; one dev-only password for all.
import { inArray } from "drizzle-orm";
import { users } from "../../db/schema";
import { hashPassword } from "../../workers/auth/password";
import { openNodeDatabase, type NodeDatabaseTarget } from "../db/node-database";
import { seedId } from "./listing-generator";

/** Dev-only, like the demo users' passwords: these accounts exist only in databases seeded with --listings. */
export const SEED_SELLER_PASSWORD = "dev-seed-seller-password";
const EMAIL_DOMAIN = "seed.mnbara.dev";
/** Sellers joined before their listings, the oldest of which are 90 days old. */
const JOINED_DAYS_AGO = 120;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
/** Users per INSERT: seven parameters a row stays well below Postgres' 65,535-parameter limit. */
const BATCH_SIZE = 1_000;

const NAME_FIRST = ["Cedar", "Harbor", "Maple", "Golden Hour", "Urban", "Northwind", "Blue Door", "Silver Fox", "Red Kite", "Oak & Ivy", "Desert Rose", "Sakura"];
const NAME_SECOND = ["Goods", "Trading", "Finds", "Emporium", "Outlet", "Collectibles", "Market", "Supply Co."];

export const sellerEmail = (index: number): string => `seller-${String(index + 1).padStart(3, "0")}@${EMAIL_DOMAIN}`;

/** "Cedar Goods", "Harbor Goods", …, then "Cedar Trading"; a number once the combinations run out. */
function sellerName(index: number): string {
  const combinations = NAME_FIRST.length * NAME_SECOND.length;
  const base = `${NAME_FIRST[index % NAME_FIRST.length]} ${NAME_SECOND[Math.floor(index / NAME_FIRST.length) % NAME_SECOND.length]}`;
  return index < combinations ? base : `${base} ${Math.floor(index / combinations) + 1}`;
}

/** Creates the sellers that are missing; returns every seller's id, in seller-number order, and how many were new. */
export async function seedSellers(target: NodeDatabaseTarget, pepper: string, count: number): Promise<{ ids: string[]; created: number }> {
  const database = openNodeDatabase(target);
  try {
    // One hash for all: PBKDF2 at the production cost takes tens of milliseconds, and these are throwaway accounts.
    const passwordHash = await hashPassword(SEED_SELLER_PASSWORD, pepper);
    const joinedMs = Date.now() - JOINED_DAYS_AGO * DAY_MS;
    const emails = Array.from({ length: count }, (_, index) => sellerEmail(index));
    const idsByEmail = new Map<string, string>();
    let created = 0;
    for (let start = 0; start < count; start += BATCH_SIZE) {
      const batch = emails.slice(start, start + BATCH_SIZE);
      const rows = batch.map((email, offset) => {
        const index = start + offset;
        const createdAt = new Date(joinedMs + index * MINUTE_MS);
        // Not newId: its monotonic clock has already passed "now" (demo users), which would stamp these ids with today.
        return { id: seedId("user", createdAt.getTime(), Math.random), email, displayName: sellerName(index), passwordHash, roles: ["buyer", "seller"], createdAt, updatedAt: createdAt };
      });
      created += (await database.orm.insert(users).values(rows).onConflictDoNothing().returning({ id: users.id })).length;
      for (const row of await database.orm.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, batch))) idsByEmail.set(row.email, row.id);
    }
    const ids = emails.map((email) => {
      const id = idsByEmail.get(email);
      if (!id) throw new Error(`seed seller ${email} exists under another spelling of the address; delete it and seed again`);
      return id;
    });
    return { ids, created };
  } finally {
    await database.end();
  }
}
