// The data an auction benchmark needs, made through the API as a person would: a seller with an auction listing, and bidders with tokens.
import { sql } from "drizzle-orm";
import { openNodeDatabase, type NodeDatabaseTarget } from "../../db/node-database";

/** 10.0.0.0/8 has 2^24 addresses. */
const PRIVATE_BLOCK_SIZE = 2 ** 24;
/** Registrations in flight at once: PBKDF2 runs on the Worker's one thread, so more only queue. */
const REGISTER_CONCURRENCY = 16;
/** Throwaway accounts: the password is not a secret. */
const BENCH_PASSWORD = "bench-password-not-a-secret";
/** The auction stays open far longer than any run, so no bid comes near the soft-close window. */
const AUCTION_OPEN_MS = 24 * 60 * 60 * 1000;
/** $10.00 in USD minor units: a phone's start price. */
export const START_PRICE_MINOR = 1_000;

export interface Bidder {
  id: string;
  accessToken: string;
}

export interface AuctionFixture {
  listingId: string;
  seller: Bidder;
}

/**
 * Registration is limited to 20 per client IP per hour, keyed on CF-Connecting-IP, which wrangler dev and
 * Miniflare pass through from the client. Each registration claims its own made-up address in 10.0.0.0/8 in
 * that header only: every request still goes to 127.0.0.1.
 */
export function fakeClientIp(n: number): string {
  const address = n % PRIVATE_BLOCK_SIZE;
  return `10.${(address >>> 16) & 0xff}.${(address >>> 8) & 0xff}.${address & 0xff}`;
}

/** Setup only, not measured: fetch is simpler here than the load generator's client, which drops success bodies. */
export async function postJson(baseUrl: string, path: string, json: unknown, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(json) });
  const body = await response.text();
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body) as unknown;
}

/** A random first address per call: Redis keeps limiter counts for an hour, and a rerun must not inherit them. */
function ipSource(): () => string {
  let next = Math.floor(Math.random() * PRIVATE_BLOCK_SIZE);
  return () => fakeClientIp(next++);
}

/** Registers `count` users through POST /v1/auth/register, `REGISTER_CONCURRENCY` at a time. */
export async function registerBidders(baseUrl: string, runTag: string, label: string, count: number): Promise<Bidder[]> {
  const nextIp = ipSource();
  const bidders: Bidder[] = new Array<Bidder>(count);
  let next = 0;
  async function worker(): Promise<void> {
    // Bounded by count.
    while (next < count) {
      const n = next++;
      const body = (await postJson(
        baseUrl,
        "/v1/auth/register",
        { email: `${label}-${runTag}-${n}@bench.mnbara.dev`, password: BENCH_PASSWORD, displayName: `Bench ${label} ${n}` },
        { "CF-Connecting-IP": nextIp() },
      )) as { user: { id: string }; accessToken: string };
      bidders[n] = { id: body.user.id, accessToken: body.accessToken };
    }
  }
  await Promise.all(Array.from({ length: Math.min(REGISTER_CONCURRENCY, count) }, worker));
  return bidders;
}

/** A seller (registered, then given the seller role) and an auction listing in Electronics › Phones, open for a day. */
export async function createAuction(baseUrl: string, runTag: string, label: string): Promise<AuctionFixture> {
  const [seller] = await registerBidders(baseUrl, runTag, `${label}-seller`, 1);
  const auth = { Authorization: `Bearer ${seller!.accessToken}` };
  await postJson(baseUrl, "/v1/me/roles", { role: "seller" }, auth);
  const listing = (await postJson(
    baseUrl,
    "/v1/listings",
    {
      title: "Apple iPhone 13 128GB Midnight",
      description: "Unlocked, battery health 91%, always in a case. Auctioned by the benchmark.",
      categoryId: "cat_electronics__phones",
      condition: "used",
      quantity: 1,
      attributes: { brand: "Apple", storage: "128GB" },
      format: "auction",
      auction: { startPrice: { amount: START_PRICE_MINOR, currency: "USD" }, endsAt: new Date(Date.now() + AUCTION_OPEN_MS).toISOString() },
    },
    auth,
  )) as { id: string };
  return { listingId: listing.id, seller: seller! };
}

/** Events are handled this long after the last one at most, locally (queue batches go out at once). */
const SETTLE_QUIET_MS = 2_000;
const SETTLE_POLL_MS = 500;
const SETTLE_TIMEOUT_MS = 120_000;

/**
 * Waits until the event consumers have stopped recording handled events (processed_events stops growing for
 * SETTLE_QUIET_MS), so the work that setup queued does not run inside a measured window.
 */
export async function waitForEventsToSettle(target: NodeDatabaseTarget, log: (message: string) => void): Promise<void> {
  const database = openNodeDatabase(target);
  try {
    const started = performance.now();
    let last = -1;
    let quietSinceMs = performance.now();
    // Bounded by SETTLE_TIMEOUT_MS.
    while (performance.now() - started < SETTLE_TIMEOUT_MS) {
      const result = await database.orm.execute(sql`select count(*)::int as n from processed_events`);
      const count = Number((result.rows[0] as { n: number } | undefined)?.n ?? 0);
      if (count !== last) {
        last = count;
        quietSinceMs = performance.now();
      } else if (performance.now() - quietSinceMs >= SETTLE_QUIET_MS) {
        log(`events settled after ${((performance.now() - started) / 1000).toFixed(1)} s (${count} handled in all)`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
    log(`events still being handled after ${SETTLE_TIMEOUT_MS / 1000} s; measuring anyway`);
  } finally {
    await database.end();
  }
}
