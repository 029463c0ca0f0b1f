// Prefixed, time-sortable ids (`usr_01J…`): opaque in URLs, ordered by creation, never sequential integers.
import { monotonicFactory } from "ulid";

export const ID_PREFIXES = {
  user: "usr",
  session: "ses",
  refreshToken: "rft",
  event: "evt",
  audit: "aud",
  ticket: "tkt",
  notification: "ntf",
  listing: "lst",
  image: "img",
  reservation: "rsv",
  searchQuery: "srq",
  searchClick: "clk",
  fraudAttempt: "fat",
  fraudOutcome: "fpo",
  fraudReview: "frv",
  payment: "pay",
  deposit: "dep",
  withdrawal: "wdr",
  fxQuote: "fxq",
  fxConversion: "fxc",
  sandboxPaymentIntent: "spi",
  sandboxTransfer: "str",
  ledgerTransfer: "ltr",
  ledgerEntry: "len",
  order: "ord",
  orderTimeline: "otl",
  dispute: "dsp",
  disputeMessage: "dsm",
  trip: "trp",
  shipmentRequest: "shr",
  shipmentOffer: "sof",
  shipment: "shp",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

// Monotonic within an isolate, so two ids made in the same millisecond still sort in creation order.
const nextUlid = monotonicFactory();

export function newId(kind: IdKind, nowMs: number = Date.now()): string {
  return `${ID_PREFIXES[kind]}_${nextUlid(nowMs)}`;
}

const ULID_PATTERN = "[0-9A-HJKMNP-TV-Z]{26}";

/** True when `value` looks like an id of `kind`; used to answer 404 early for malformed ids. */
export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${ID_PREFIXES[kind]}_${ULID_PATTERN}$`).test(value);
}
