// The AuctionRoom's SQLite storage: schema migration, the state row, the hash-chained bid log, bidder aliases and the send queue.
import { ObjectStorage } from "../shared/object-storage";
import { createHash } from "node:crypto";
import { AUCTION_ALIAS_CACHE_MAX_ENTRIES } from "../../workers/platform/limits";
import type { AuctionState } from "./engine";

export const GENESIS_HASH = "0".repeat(64);

export interface BidLogEntry {
  seq: number;
  bidderId: string;
  maxMinor: number;
  priceAfterMinor: number;
  leaderIdAfter: string;
  atMs: number;
  idempotencyKey: string | null;
  requestHash: string | null;
  response: string;
}

/** Each entry commits to the one before it: changing any past bid changes every later hash and the head. */
export function chainHash(previousHash: string, entry: Pick<BidLogEntry, "seq" | "bidderId" | "maxMinor" | "priceAfterMinor" | "leaderIdAfter" | "atMs">): string {
  const canonical = JSON.stringify([previousHash, entry.seq, entry.bidderId, entry.maxMinor, entry.priceAfterMinor, entry.leaderIdAfter, entry.atMs]);
  return createHash("sha256").update(canonical).digest("hex");
}

export class RoomStorage extends ObjectStorage {
  /** Read once, then kept in step by appendBid: the bid path should not re-read what only this object writes. */
  private cachedHeadHash: string | null = null;
  /** Aliases never change once given; a bounded map keeps repeat bidders' lookups off SQLite. */
  private readonly aliasCache = new Map<string, string>();

  migrate(): void {
    this.migrateSteps([
      () => {
        this.sql.exec(`CREATE TABLE bids (
          seq INTEGER PRIMARY KEY, bidder_id TEXT NOT NULL, max_minor INTEGER NOT NULL, price_after_minor INTEGER NOT NULL,
          leader_id_after TEXT NOT NULL, at_ms INTEGER NOT NULL, hash TEXT NOT NULL, prev_hash TEXT NOT NULL,
          idempotency_key TEXT UNIQUE, request_hash TEXT, response TEXT NOT NULL)`);
        this.sql.exec(`CREATE TABLE bidders (bidder_id TEXT PRIMARY KEY, alias TEXT NOT NULL)`);
        this.sql.exec(`CREATE TABLE pending_events (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL)`);
      },
    ]);
  }

  loadState(): AuctionState | null {
    const text = this.meta("state");
    return text ? (JSON.parse(text) as AuctionState) : null;
  }

  saveState(state: AuctionState): void {
    this.setMeta("state", JSON.stringify(state));
  }

  headHash(): string {
    this.cachedHeadHash ??= this.meta("head_hash") ?? GENESIS_HASH;
    return this.cachedHeadHash;
  }

  /** Forgets what is cached from storage; called when a storage transaction rolled back. */
  dropCaches(): void {
    this.cachedHeadHash = null;
    this.aliasCache.clear();
  }

  /** Aliases are per room and in order of first bid ("Bidder 1", "Bidder 2"): bidders stay anonymous but distinguishable. */
  aliasFor(bidderId: string): string {
    const existing = this.knownAlias(bidderId);
    if (existing) return existing;
    const count = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM bidders").one().n;
    const alias = `Bidder ${count + 1}`;
    this.sql.exec("INSERT INTO bidders (bidder_id, alias) VALUES (?, ?)", bidderId, alias);
    this.rememberAlias(bidderId, alias);
    return alias;
  }

  knownAlias(bidderId: string | null): string | null {
    if (!bidderId) return null;
    const cached = this.aliasCache.get(bidderId);
    if (cached) return cached;
    const alias = this.sql.exec<{ alias: string }>("SELECT alias FROM bidders WHERE bidder_id = ?", bidderId).toArray()[0]?.alias ?? null;
    if (alias) this.rememberAlias(bidderId, alias);
    return alias;
  }

  private rememberAlias(bidderId: string, alias: string): void {
    if (this.aliasCache.size >= AUCTION_ALIAS_CACHE_MAX_ENTRIES) this.aliasCache.clear();
    this.aliasCache.set(bidderId, alias);
  }

  byIdempotencyKey(key: string): { requestHash: string | null; response: string } | null {
    const row = this.sql.exec<{ request_hash: string | null; response: string }>("SELECT request_hash, response FROM bids WHERE idempotency_key = ?", key).toArray()[0];
    return row ? { requestHash: row.request_hash, response: row.response } : null;
  }

  appendBid(entry: BidLogEntry): string {
    const previous = this.headHash();
    const hash = chainHash(previous, entry);
    this.sql.exec(
      "INSERT INTO bids (seq, bidder_id, max_minor, price_after_minor, leader_id_after, at_ms, hash, prev_hash, idempotency_key, request_hash, response) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      entry.seq, entry.bidderId, entry.maxMinor, entry.priceAfterMinor, entry.leaderIdAfter, entry.atMs, hash, previous, entry.idempotencyKey, entry.requestHash, entry.response,
    );
    this.setMeta("head_hash", hash);
    this.cachedHeadHash = hash;
    return hash;
  }

  history(limit: number): { bidderAlias: string; priceAfterMinor: number; atMs: number }[] {
    return this.sql
      .exec<{ alias: string; price_after_minor: number; at_ms: number }>(
        "SELECT b.alias, l.price_after_minor, l.at_ms FROM bids l JOIN bidders b ON b.bidder_id = l.bidder_id ORDER BY l.seq DESC LIMIT ?",
        limit,
      )
      .toArray()
      .map((row) => ({ bidderAlias: row.alias, priceAfterMinor: row.price_after_minor, atMs: row.at_ms }));
  }

  /** Re-derives every hash from the log: true when nothing in storage was altered. */
  verifyChain(): boolean {
    let previous = GENESIS_HASH;
    for (const row of this.sql.exec<{ seq: number; bidder_id: string; max_minor: number; price_after_minor: number; leader_id_after: string; at_ms: number; hash: string; prev_hash: string }>("SELECT * FROM bids ORDER BY seq")) {
      const expected = chainHash(previous, { seq: row.seq, bidderId: row.bidder_id, maxMinor: row.max_minor, priceAfterMinor: row.price_after_minor, leaderIdAfter: row.leader_id_after, atMs: row.at_ms });
      if (row.prev_hash !== previous || row.hash !== expected) return false;
      previous = row.hash;
    }
    return previous === this.headHash();
  }

  queueEvent(body: unknown): void {
    this.sql.exec("INSERT INTO pending_events (body) VALUES (?)", JSON.stringify(body));
  }

  pendingEvents(limit: number): { id: number; body: unknown }[] {
    return this.sql.exec<{ id: number; body: string }>("SELECT id, body FROM pending_events ORDER BY id LIMIT ?", limit).toArray().map((row) => ({ id: row.id, body: JSON.parse(row.body) }));
  }

  /** Drops the oldest events up to `lastId`: pendingEvents hands them out in id order, so one range delete covers a sent batch. */
  dropEventsThrough(lastId: number): void {
    this.sql.exec("DELETE FROM pending_events WHERE id <= ?", lastId);
  }

  hasPendingEvents(): boolean {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM pending_events").one().n > 0;
  }
}
