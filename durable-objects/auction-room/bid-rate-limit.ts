// Per-bidder sliding-window bid limit kept in the room's memory: the room already serializes every bid, so checking here costs no round trip.

/** Bids of one bidder in the last window, oldest first; bounded by `max` entries per bidder and `maxBidders` bidders. */
export class BidRateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxBidders: number,
  ) {}

  /** Records an attempt and returns 0, or returns the whole seconds to wait when the bidder is over the limit. */
  take(bidderId: string, nowMs: number): number {
    const since = nowMs - this.windowMs;
    const times = (this.recent.get(bidderId) ?? []).filter((atMs) => atMs > since);
    if (times.length >= this.max) {
      this.recent.set(bidderId, times);
      return Math.max(1, Math.ceil((times[0]! + this.windowMs - nowMs) / 1000));
    }
    times.push(nowMs);
    // Re-inserted so the map stays least-recently-active first; past the bound the least active bidder is forgotten.
    this.recent.delete(bidderId);
    this.recent.set(bidderId, times);
    if (this.recent.size > this.maxBidders) this.recent.delete(this.recent.keys().next().value!);
    return 0;
  }
}
