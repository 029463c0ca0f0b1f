// Search test fixtures: listings inserted straight into the catalog's table, each test isolated by a word of its own.
import { eq, inArray, sql } from "drizzle-orm";
import { expect } from "vitest";
import { categories, listings, searchQueries, users } from "../../db/schema";
import { newId } from "../platform/ids";
import { call, registerUser, withDatabase, type ApiResponse } from "../test-support/api";

// Consonants only, no s or y: the English stemmer leaves such a word as it is, so tests know exactly what is indexed.
const LETTERS = "bcdfghjklmnpqrtvwxz";

/** A made-up word no other test (or listing) uses. */
export function uniqueWord(length = 10): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => LETTERS[byte % LETTERS.length]).join("");
}

export interface ListingFixture {
  title: string;
  description?: string;
  categoryId?: string;
  condition?: "new" | "used" | "refurbished";
  format?: "fixed" | "auction";
  status?: "draft" | "active" | "ended" | "sold";
  priceMinor?: number;
  currency?: string;
  endsAt?: Date | null;
  shipsTo?: string[];
  shipsFrom?: string;
  crowdshipEligible?: boolean;
  primaryImageId?: string | null;
  bidCount?: number;
  createdAt?: Date;
}

/** Inserts the listings in one statement and returns their ids in the same order. */
export async function insertListings(fixtures: ListingFixture[]): Promise<string[]> {
  return withDatabase(async (db) => {
    const categoryIds = [...new Set(fixtures.map((fixture) => fixture.categoryId ?? "cat_electronics__phones"))];
    const paths = new Map((await db.orm.select({ id: categories.id, path: categories.path }).from(categories).where(inArray(categories.id, categoryIds))).map((row) => [row.id, row.path]));
    const rows = fixtures.map((fixture) => {
      const categoryId = fixture.categoryId ?? "cat_electronics__phones";
      const format = fixture.format ?? "fixed";
      return {
        id: newId("listing"),
        sellerId: "usr_search_fixture",
        title: fixture.title,
        description: fixture.description ?? "A listing made by the search tests.",
        categoryId,
        categoryPath: paths.get(categoryId)!,
        condition: fixture.condition ?? "used",
        format,
        status: fixture.status ?? "active",
        currency: fixture.currency ?? "USD",
        priceMinor: fixture.priceMinor ?? 1_000,
        endsAt: fixture.endsAt ?? (format === "auction" ? new Date(Date.now() + 86_400_000) : null),
        bidCount: fixture.bidCount ?? 0,
        quantity: 1,
        quantityAvailable: 1,
        shipping: fixture.shipsFrom ? { shipsFrom: { country: fixture.shipsFrom }, regions: fixture.shipsTo ?? ["WW"], cost: { amount: 0, currency: "USD" as const } } : null,
        shipsTo: fixture.shipsTo ?? ["WW"],
        crowdshipEligible: fixture.crowdshipEligible ?? false,
        primaryImageId: fixture.primaryImageId ?? null,
        ...(fixture.createdAt ? { createdAt: fixture.createdAt } : {}),
      };
    });
    await db.orm.insert(listings).values(rows);
    return rows.map((row) => row.id);
  });
}

/** GET /v1/search with these query parameters. */
export function searchFor(query: Record<string, string | number | boolean>, options: { token?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse> {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
  return call("GET", `/v1/search?${search}`, options);
}

const POLL_INTERVAL_MS = 50;
const POLL_MAX_ATTEMPTS = 100; // 5 s

/** Reads until `done` holds (work deferred past the response lands a little later), or gives up and returns the last value. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < POLL_MAX_ATTEMPTS && !done(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    value = await read();
  }
  return value;
}

/** The analytics row of a search, once its deferred write has landed. */
export async function searchQueryRow(queryId: string) {
  const rows = await eventually(
    () => withDatabase((db) => db.orm.select().from(searchQueries).where(eq(searchQueries.id, queryId))),
    (found) => found.length === 1,
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** A signed-in admin: nobody can take the role through the API, so it is granted in the database. */
export async function registerAdmin() {
  const user = await registerUser("search-admin");
  await withDatabase((db) => db.orm.update(users).set({ roles: sql`array['buyer', 'admin']::text[]` }).where(eq(users.id, user.id)));
  return user;
}
