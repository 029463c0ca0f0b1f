// The AuctionRoom Durable Object: a thin shell over the engine. One per auctioned listing; it is the only writer of its bids.
import { DurableObject } from "cloudflare:workers";
import { createHash } from "node:crypto";
import type { AppEnv } from "../../workers/env";
import { recordAuctionResult } from "../../workers/auctions/results-service";
import { createScope } from "../../workers/platform/context";
import {
  AUCTION_EVENT_FLUSH_BATCH,
  AUCTION_EVENT_FLUSH_PASSES,
  AUCTION_HISTORY_MAX_ITEMS,
  AUCTION_RATE_LIMITED_BIDDERS_MAX,
  AUCTION_RETRY_DELAY_SECONDS,
  BIDS_PER_USER_PER_MINUTE,
} from "../../workers/platform/limits";
import { createLogger, errorFields } from "../../workers/platform/logger";
import type { Currency, Money } from "../../workers/platform/money";
import { buyItNow, cancelAuction, closeAuction, minNextBid, openAuction, placeBid, type AuctionEvent, type AuctionState, type AuctionTerms } from "./engine";
import { PING, PONG, type AuctionSnapshot, type BidAccepted, type HistoryEntry, type RoomRejection, type ServerMessage } from "./protocol";
import { BidRateLimiter } from "./bid-rate-limit";
import { RoomStorage } from "./room-storage";

export class AuctionRoom extends DurableObject<AppEnv> {
  private readonly store: RoomStorage;
  private state: AuctionState | null = null;
  private flushing: Promise<void> | null = null;
  private readonly bidLimiter = new BidRateLimiter(BIDS_PER_USER_PER_MINUTE, 60_000, AUCTION_RATE_LIMITED_BIDDERS_MAX);
  private flushAgain = false;

  constructor(ctx: DurableObjectState, env: AppEnv) {
    super(ctx, env);
    this.store = new RoomStorage(ctx.storage.sql);
    ctx.blockConcurrencyWhile(async () => {
      this.store.migrate();
      this.state = this.store.loadState();
    });
    // Idle watchers' pings are answered without waking the object, so quiet rooms hibernate.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  private money(amount: number): Money {
    return { amount, currency: this.state!.terms.currency as Currency };
  }

  /** Sets the terms; they may change until the first bid (the seller edits the listing), never after. */
  async configure(terms: AuctionTerms): Promise<AuctionSnapshot> {
    const current = this.state;
    if (!current || (current.bidCount === 0 && current.status === "open")) {
      this.state = openAuction(terms);
      this.store.saveState(this.state);
      await this.scheduleAlarm();
    }
    return this.snapshot(null);
  }

  isConfigured(): boolean {
    return this.state !== null;
  }

  snapshot(viewerId: string | null): AuctionSnapshot {
    const state = this.requireState();
    const leaderId = state.leader?.bidderId ?? null;
    const snapshot: AuctionSnapshot = {
      listingId: state.terms.listingId,
      status: state.status === "closed" || Date.now() >= state.endsAtMs ? "closed" : "open",
      currentPrice: this.money(state.currentPriceMinor),
      minNextBid: this.money(minNextBid(state)),
      bidCount: state.bidCount,
      endsAt: new Date(state.endsAtMs).toISOString(),
      reserveMet: state.reserveMet,
      buyItNowAvailable: state.buyItNowAvailable && state.status === "open",
      buyItNowPrice: state.terms.buyItNowPriceMinor === null ? null : this.money(state.terms.buyItNowPriceMinor),
      leadingBidderAlias: this.store.knownAlias(leaderId),
    };
    if (leaderId && (viewerId === leaderId || viewerId === state.terms.sellerId)) snapshot.leadingBidderId = leaderId;
    if (state.status === "closed") {
      snapshot.winnerId = state.winnerId;
      snapshot.winnerAlias = this.store.knownAlias(state.winnerId);
      snapshot.finalPrice = state.finalPriceMinor === null ? null : this.money(state.finalPriceMinor);
    }
    return snapshot;
  }

  /** Serialized by the object: no await before the state is saved, so concurrent bids apply one at a time in arrival order. */
  async bid(input: { bidderId: string; maxMinor: number; currency: string; idempotencyKey: string | null }): Promise<BidAccepted | RoomRejection> {
    if (!this.state) return { ok: false, code: "NOT_CONFIGURED", detail: "The auction room has not been set up yet." };
    const requestHash = createHash("sha256").update(JSON.stringify([input.bidderId, input.maxMinor, input.currency])).digest("hex");
    if (input.idempotencyKey) {
      const previous = this.store.byIdempotencyKey(`${input.bidderId}:${input.idempotencyKey}`);
      if (previous) {
        if (previous.requestHash !== requestHash) return { ok: false, code: "IDEMPOTENCY_KEY_REUSED", detail: "This Idempotency-Key was used for a different bid." };
        return JSON.parse(previous.response) as BidAccepted;
      }
    }
    const nowMs = Date.now();
    const waitSeconds = this.bidLimiter.take(input.bidderId, nowMs);
    if (waitSeconds > 0) return { ok: false, code: "RATE_LIMITED", detail: `Too many bids. Try again in ${waitSeconds} seconds.`, retryAfterSeconds: waitSeconds };
    const outcome = placeBid(this.state, input, nowMs);
    if (!outcome.ok) return { ok: false, code: outcome.rejection, detail: outcome.detail, minNextBid: this.money(minNextBid(this.state)) };
    const { state, events, result } = outcome;
    const alias = this.store.aliasFor(input.bidderId);
    const response: BidAccepted = {
      ok: true,
      bidId: `${state.terms.listingId}:${result.seq}`,
      bidderAlias: alias,
      status: result.leading ? "leading" : "outbid",
      currentPrice: this.money(state.currentPriceMinor),
      minNextBid: this.money(minNextBid(state)),
      endsAt: new Date(state.endsAtMs).toISOString(),
    };
    this.inStorageTransaction(() => {
      const hash = this.store.appendBid({
        seq: result.seq,
        bidderId: input.bidderId,
        maxMinor: input.maxMinor,
        priceAfterMinor: state.currentPriceMinor,
        leaderIdAfter: state.leader!.bidderId,
        atMs: nowMs,
        idempotencyKey: input.idempotencyKey ? `${input.bidderId}:${input.idempotencyKey}` : null,
        requestHash,
        response: JSON.stringify(response),
      });
      this.store.saveState(state);
      this.queueDomainEvents(state, events, { seq: result.seq, bidderId: input.bidderId, alias, maxMinor: input.maxMinor, atMs: nowMs, hash });
    });
    this.state = state;
    this.broadcastEvents(events);
    this.requestFlush();
    if (events.some((event) => event.type === "extended")) await this.scheduleAlarm();
    return response;
  }

  async buyNow(buyerId: string): Promise<{ ok: true; finalPrice: Money } | RoomRejection> {
    if (!this.state) return { ok: false, code: "NOT_CONFIGURED", detail: "The auction room has not been set up yet." };
    const outcome = buyItNow(this.state, buyerId, Date.now());
    if (!outcome.ok) return { ok: false, code: outcome.rejection, detail: outcome.detail };
    this.store.aliasFor(buyerId);
    this.state = outcome.state;
    this.store.saveState(outcome.state);
    this.broadcastEvents(outcome.events);
    await this.recordResultSoon();
    return { ok: true, finalPrice: this.money(outcome.result.priceMinor) };
  }

  /** The listing was ended before any bid: close the room now, with no winner. */
  async cancel(): Promise<void> {
    if (!this.state) return;
    const outcome = cancelAuction(this.state);
    if (!outcome.ok || outcome.events.length === 0) return;
    this.state = outcome.state;
    this.store.saveState(outcome.state);
    this.broadcastEvents(outcome.events);
    await this.recordResultSoon();
  }

  history(limit: number): HistoryEntry[] {
    this.requireState();
    return this.store.history(Math.min(limit, AUCTION_HISTORY_MAX_ITEMS)).map((entry) => ({ bidderAlias: entry.bidderAlias, amount: this.money(entry.priceAfterMinor), at: new Date(entry.atMs).toISOString() }));
  }

  verifyBidLog(): { valid: boolean; headHash: string; bidCount: number } {
    return { valid: this.store.verifyChain(), headHash: this.store.headHash(), bidCount: this.state?.bidCount ?? 0 };
  }

  /** Watchers connect here (the Worker routes /v1/auctions/:id/live); hibernation keeps idle rooms free. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade") !== "websocket") return new Response("expected a WebSocket upgrade", { status: 426 });
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    if (this.state) pair[1].send(JSON.stringify({ type: "state", state: this.snapshot(null) } satisfies ServerMessage));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Watchers only listen; pings are auto-answered. Anything else gets the current state back.
    if (typeof message === "string" && message.includes('"state"') && this.state) ws.send(JSON.stringify({ type: "state", state: this.snapshot(null) } satisfies ServerMessage));
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, "bye");
    } catch {
      // already closed
    }
  }

  override async alarm(): Promise<void> {
    if (!this.state) return;
    const closing = closeAuction(this.state, Date.now());
    if (closing.ok && closing.events.length > 0) {
      this.state = closing.state;
      this.store.saveState(closing.state);
      this.broadcastEvents(closing.events);
    }
    await this.flushEvents();
    if (this.state.status === "closed" && this.store.meta("result_recorded") !== "yes") await this.recordResult();
    await this.scheduleAlarm();
  }

  /**
   * Postgres is written from the alarm, never inside a request to the room: the caller may itself hold the
   * only database connection (the embedded dev database serves one at a time), and callers should not wait on it.
   */
  private async recordResultSoon(): Promise<void> {
    await this.ctx.storage.setAlarm(Date.now());
  }

  private requireState(): AuctionState {
    if (!this.state) throw new Error("invariant failed: auction room used before configure()");
    return this.state;
  }

  /** Next wake-up: the end of the auction, or sooner when copies or the result still wait for Postgres or the queue. */
  private async scheduleAlarm(): Promise<void> {
    const state = this.state;
    if (!state) return;
    const retryAt = Date.now() + AUCTION_RETRY_DELAY_SECONDS * 1000;
    const needsRetry = this.store.hasPendingEvents() || (state.status === "closed" && this.store.meta("result_recorded") !== "yes");
    if (state.status === "open") await this.ctx.storage.setAlarm(needsRetry ? Math.min(state.endsAtMs, retryAt) : state.endsAtMs);
    else if (needsRetry) await this.ctx.storage.setAlarm(retryAt);
    else await this.ctx.storage.deleteAlarm();
  }

  private broadcastEvents(events: AuctionEvent[]): void {
    const state = this.state!;
    for (const event of events) {
      let message: ServerMessage | null = null;
      if (event.type === "bid") {
        message = {
          type: "bid",
          currentPrice: this.money(event.currentPriceMinor),
          bidCount: event.bidCount,
          minNextBid: this.money(event.minNextBidMinor),
          endsAt: new Date(event.endsAtMs).toISOString(),
          leadingBidderAlias: this.store.knownAlias(event.leaderId) ?? "",
          reserveMet: state.reserveMet,
          buyItNowAvailable: state.buyItNowAvailable,
        };
      } else if (event.type === "extended") message = { type: "extended", endsAt: new Date(event.endsAtMs).toISOString() };
      else if (event.type === "closed") {
        message = { type: "closed", reserveMet: event.reserveMet };
        const winnerAlias = this.store.knownAlias(event.winnerId);
        if (winnerAlias) message.winnerAlias = winnerAlias;
        if (event.finalPriceMinor !== null) message.finalPrice = this.money(event.finalPriceMinor);
      }
      if (!message) continue;
      const text = JSON.stringify(message);
      for (const socket of this.ctx.getWebSockets()) {
        try {
          socket.send(text);
        } catch {
          // a socket closing mid-broadcast is not the others' problem
        }
      }
    }
  }

  /** Bid copies and outbid notices go out through the queue; written in the bid's storage transaction, so none is lost. */
  private queueDomainEvents(state: AuctionState, events: AuctionEvent[], bid: { seq: number; bidderId: string; alias: string; maxMinor: number; atMs: number; hash: string }): void {
    const listingId = state.terms.listingId;
    const occurredAt = new Date(bid.atMs).toISOString();
    this.store.queueEvent({
      id: `evt_bid_${listingId}_${bid.seq}`,
      type: "auction.bid_placed",
      occurredAt,
      payload: {
        listingId,
        seq: bid.seq,
        bidderId: bid.bidderId,
        bidderAlias: bid.alias,
        maxMinor: bid.maxMinor,
        priceAfterMinor: state.currentPriceMinor,
        currency: state.terms.currency,
        leaderIdAfter: state.leader!.bidderId,
        bidCount: state.bidCount,
        endsAt: new Date(state.endsAtMs).toISOString(),
        at: occurredAt,
        hash: bid.hash,
      },
    });
    for (const event of events) {
      if (event.type !== "outbid") continue;
      this.store.queueEvent({
        id: `evt_outbid_${listingId}_${bid.seq}_${event.bidderId}`,
        type: "auction.outbid",
        occurredAt,
        payload: { listingId, bidderId: event.bidderId, currentPriceMinor: event.currentPriceMinor, currency: state.terms.currency },
      });
    }
  }

  /** A rolled-back storage transaction must not leave the storage's in-memory caches ahead of what was stored. */
  private inStorageTransaction(work: () => void): void {
    try {
      this.ctx.storage.transactionSync(work);
    } catch (error) {
      this.store.dropCaches();
      throw error;
    }
  }

  /**
   * One flush at a time: bids arriving while one is sending only mark that another pass is needed, so under load
   * many bids' events leave in one queue batch instead of one send per bid.
   */
  private requestFlush(): void {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = (async () => {
      try {
        for (let pass = 0; pass < AUCTION_EVENT_FLUSH_PASSES; pass++) {
          this.flushAgain = false;
          const sent = await this.flushEvents();
          if (sent < AUCTION_EVENT_FLUSH_BATCH && !this.flushAgain) break;
        }
      } finally {
        this.flushing = null;
      }
    })();
    this.ctx.waitUntil(this.flushing);
  }

  /** Sends the oldest queued events; how many were sent (0 when none waited or the queue failed: the alarm retries). */
  private async flushEvents(): Promise<number> {
    const pending = this.store.pendingEvents(AUCTION_EVENT_FLUSH_BATCH);
    if (pending.length === 0) return 0;
    try {
      await this.env.EVENTS_QUEUE.sendBatch(pending.map((event) => ({ body: event.body, contentType: "json" as const })));
      this.store.dropEventsThrough(pending.at(-1)!.id);
      return pending.length;
    } catch (error) {
      createLogger(this.env.LOG_LEVEL).warn("auction room could not reach the queue; the alarm retries", errorFields(error));
      await this.scheduleAlarm();
      return 0;
    }
  }

  /** Writes the result to Postgres (and auction.closed to the outbox) once; retried by the alarm until it succeeds. */
  private async recordResult(): Promise<void> {
    const state = this.requireState();
    const log = createLogger(this.env.LOG_LEVEL, { listingId: state.terms.listingId });
    const scope = createScope(this.env, log, `auction:${state.terms.listingId}`, { ip: null, userAgent: null });
    try {
      await recordAuctionResult(scope.ctx, {
        listingId: state.terms.listingId,
        sellerId: state.terms.sellerId,
        winnerId: state.winnerId,
        finalPriceMinor: state.finalPriceMinor,
        currency: state.terms.currency,
        reserveMet: state.reserveMet,
        bidCount: state.bidCount,
        headHash: this.store.headHash(),
        reason: state.closedReason ?? "ended",
        closedAt: new Date(Math.min(state.endsAtMs, Date.now())),
      });
      this.store.setMeta("result_recorded", "yes");
    } catch (error) {
      log.error("recording the auction result failed; the alarm retries", errorFields(error));
    } finally {
      await scope.close();
      await this.scheduleAlarm();
    }
  }
}
