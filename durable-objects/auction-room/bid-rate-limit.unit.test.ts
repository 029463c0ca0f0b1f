// The room's per-bidder bid limit: exact edges of the window and of the count, bidders apart, and the memory bound.
import { describe, expect, it } from "vitest";
import { BidRateLimiter } from "./bid-rate-limit";

describe("BidRateLimiter", () => {
  it("allows max bids in a window and refuses the next with the seconds until the oldest leaves it", () => {
    const limiter = new BidRateLimiter(3, 60_000, 100);
    expect([limiter.take("a", 0), limiter.take("a", 10_000), limiter.take("a", 20_000)]).toEqual([0, 0, 0]);
    expect(limiter.take("a", 30_000)).toBe(30);
    expect(limiter.take("a", 59_999)).toBe(1);
  });

  it("allows a bid again once the oldest is exactly a window old", () => {
    const limiter = new BidRateLimiter(2, 60_000, 100);
    limiter.take("a", 0);
    limiter.take("a", 1_000);
    expect(limiter.take("a", 60_000)).toBe(0);
    expect(limiter.take("a", 60_500)).toBe(1);
  });

  it("counts each bidder on their own", () => {
    const limiter = new BidRateLimiter(1, 60_000, 100);
    expect(limiter.take("a", 0)).toBe(0);
    expect(limiter.take("b", 0)).toBe(0);
    expect(limiter.take("a", 1)).toBe(60);
  });

  it("forgets the least recently active bidder past its bound", () => {
    const limiter = new BidRateLimiter(1, 60_000, 2);
    limiter.take("a", 0);
    limiter.take("b", 1);
    limiter.take("c", 2);
    expect(limiter.take("a", 3)).toBe(0);
    expect(limiter.take("c", 4)).toBe(60);
  });
});
