// What every bid benchmark shares: the amounts, the requests to each target (the API, the room alone, the bare room, the baseline), and ratios.
import type { BenchmarkResult, Comparison, RequestOutcome } from "../benchmark";
import type { HttpClient, HttpResponse } from "../http-client";
import { START_PRICE_MINOR, type Bidder } from "./fixtures";

/**
 * Bid number n offers START + (n + 1) × STEP. Bids are numbered as they are sent, but concurrent requests can
 * reach the room out of order. With proxy bidding a bid is accepted when it is at least the runner-up's maximum
 * plus two increments (at most $100 each here), so with a $300 step a bid overtaken by one later bid is still
 * accepted (as "outbid"); one overtaken by two or more is refused as BID_TOO_LOW, as it would be in a real room.
 */
export const BID_STEP_MINOR = 30_000;
export const amountFor = (index: number) => START_PRICE_MINOR + (index + 1) * BID_STEP_MINOR;
/** One user may place 30 bids a minute (BIDS_PER_USER_PER_MINUTE); bids go round-robin over the bidders. */
export const BIDS_PER_BIDDER_PER_MINUTE = 30;

function outcome(response: HttpResponse, accepted: number): RequestOutcome {
  return response.status === accepted ? { ok: true, status: response.status } : { ok: false, status: response.status, detail: response.errorBody ?? "" };
}

/** POST /v1/auctions/:listingId/bids as a signed-in bidder, with an Idempotency-Key: the real path. */
export function apiBid(http: HttpClient, listingId: string, bidders: readonly Bidder[], runTag: string) {
  return async (index: number): Promise<RequestOutcome> => {
    const bidder = bidders[index % bidders.length]!;
    const response = await http.send({
      method: "POST",
      path: `/v1/auctions/${listingId}/bids`,
      headers: { Authorization: `Bearer ${bidder.accessToken}`, "Idempotency-Key": `${runTag}-${index}` },
      json: { maxAmount: { amount: amountFor(index), currency: "USD" } },
    });
    return outcome(response, 201);
  };
}

/** The real AuctionRoom behind room-only.worker.js: the same RPC and the same arguments, no API. */
export function roomOnlyBid(http: HttpClient, listingId: string, bidders: readonly Bidder[], runTag: string) {
  return async (index: number): Promise<RequestOutcome> => {
    const response = await http.send({
      method: "POST",
      path: `/bid/${listingId}`,
      json: { bidderId: bidders[index % bidders.length]!.id, maxMinor: amountFor(index), currency: "USD", idempotencyKey: `${runTag}-${index}` },
    });
    return outcome(response, 201);
  };
}

/** The bare room (bare-room.worker.js) or the Postgres baseline: `path` takes {bidderId, amount}. */
export function plainBid(http: HttpClient, path: string, bidders: readonly Bidder[]) {
  return async (index: number): Promise<RequestOutcome> => {
    const response = await http.send({ method: "POST", path, json: { bidderId: bidders[index % bidders.length]!.id, amount: amountFor(index) } });
    return outcome(response, 201);
  };
}

/** Bidders the load needs so that none passes 30 bids a minute: `requests` spread round-robin. */
export function biddersFor(requests: number): number {
  return Math.ceil(requests / BIDS_PER_BIDDER_PER_MINUTE);
}

export const rejectedBids = (result: Pick<BenchmarkResult, "errorsByStatus">) => result.errorsByStatus["422"] ?? 0;
export const acceptedShare = (result: Pick<BenchmarkResult, "requests" | "summary">) => (result.requests === 0 ? 0 : result.summary.count / result.requests);

/** Bids answered per second, accepted or refused (refusals are status 422; other errors are not answers). */
export function answeredRate(result: Pick<BenchmarkResult, "requests" | "errors" | "errorsByStatus" | "summary">): number {
  if (result.summary.count === 0) return 0;
  const answered = result.requests - (result.errors - rejectedBids(result));
  return (result.summary.throughputPerSecond * answered) / result.summary.count;
}

/** Accepted bids/s of `subject` against `reference` (both of this run), or nothing when the reference did not run. */
export function throughputComparison(
  subject: BenchmarkResult,
  all: readonly BenchmarkResult[],
  referenceName: string,
  options: { title: string; target: number; reading: (ratio: number, reference: BenchmarkResult) => string },
): Comparison[] {
  const reference = all.find((result) => result.name === referenceName);
  if (!reference || reference.summary.throughputPerSecond === 0) return [];
  const ratio = subject.summary.throughputPerSecond / reference.summary.throughputPerSecond;
  return [
    {
      title: options.title,
      metric: "accepted bids/s",
      subject: { name: subject.name, value: subject.summary.throughputPerSecond },
      reference: { name: reference.name, value: reference.summary.throughputPerSecond },
      ratio,
      better: "higher",
      target: options.target,
      meets: ratio >= options.target,
      reading: `${options.reading(ratio, reference)} Accepted share: ${percent(acceptedShare(subject))} here, ${percent(acceptedShare(reference))} for ${reference.name}; counting every bid answered (accepted or refused), the ratio is ${(answeredRate(subject) / Math.max(answeredRate(reference), Number.MIN_VALUE)).toFixed(2)}×.`,
    },
  ];
}

export const perSecond = (value: number) => Math.round(value).toLocaleString("en-US");
export const percent = (value: number) => `${Math.round(value * 100)}%`;
