// Shapes of the /v1 requests and responses the web app uses (see shared API.md, "Auth").
import type { ProofDocument } from "../../../workers/anchoring/proof-document";

export type SelfServiceRole = "seller" | "traveler";

export interface User {
  id: string;
  email: string;
  displayName: string;
  // "buyer" for everyone, plus "seller", "traveler" or "admin"; kept open so new roles still render.
  roles: string[];
  mfaEnabled: boolean;
  createdAt: string;
}

export interface Session {
  user: User;
  accessToken: string;
  refreshToken: string;
}

export interface RegisterInput {
  email: string;
  password: string;
  displayName: string;
}

export interface SignInInput {
  email: string;
  password: string;
  totp?: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

export interface MfaStatus {
  mfaEnabled: boolean;
}

export interface FieldProblem {
  path: string;
  message: string;
}

// RFC 9457 problem details as the API renders them.
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  instance?: string;
  errors?: FieldProblem[];
  // Extension members some problems carry, e.g. BID_TOO_LOW's `minNextBid`.
  [extension: string]: unknown;
}

// ---- Catalog and search (see shared API.md, "Catalog and search") ----

export interface Money {
  // Integer minor units: USD 12.50 is 1250, JPY 1250 is 1250, KWD 1.250 is 1250.
  amount: number;
  currency: string;
}

export type AttributeType = "string" | "number" | "enum";

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  required: boolean;
  options?: string[];
}

export interface Category {
  id: string;
  name: string;
  slug: string;
  // "electronics/phones": slugs from the top level down.
  path: string;
  parentId: string | null;
  attributes: AttributeDefinition[];
  children?: Category[];
}

export type Condition = "new" | "used" | "refurbished";
export type ListingFormat = "fixed" | "auction";
export type ListingStatus = "draft" | "active" | "ended" | "sold";
export type CloseMode = "hard" | "soft";
export type AttributeValues = Record<string, string | number>;

export interface Shipping {
  shipsFrom: { country: string; city?: string };
  // ISO 3166-1 alpha-2 codes, or ["WW"] for worldwide.
  regions: string[];
  cost: Money;
}

export interface ListingImage {
  id: string;
  url: string;
  contentType: string;
  bytes: number;
}

export interface UploadedImage extends ListingImage {
  position: number;
}

export interface AuctionSummary {
  startPrice: Money;
  currentPrice: Money;
  bidCount: number;
  endsAt: string;
  status: "scheduled" | "open" | "closed";
  closeMode: CloseMode;
  softCloseSeconds: number | null;
  buyItNowPrice: Money | null;
  hasReserve: boolean;
  // Only the seller sees their own reserve.
  reservePrice?: Money | null;
}

export interface Listing {
  id: string;
  sellerId: string;
  seller: { id: string; displayName: string };
  title: string;
  description: string;
  categoryId: string;
  category: { id: string; name: string; path: string };
  condition: Condition;
  format: ListingFormat;
  status: ListingStatus;
  price?: Money;
  auction?: AuctionSummary;
  quantity: number;
  quantityAvailable: number;
  attributes: AttributeValues;
  shipping: Shipping | null;
  crowdshipEligible: boolean;
  images: ListingImage[];
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  endedAt: string | null;
}

export interface AuctionTermsInput {
  startPrice: Money;
  reservePrice?: Money;
  buyItNowPrice?: Money;
  endsAt: string;
  closeMode?: CloseMode;
  softCloseSeconds?: number;
}

interface CreateListingCommon {
  title: string;
  description: string;
  categoryId: string;
  condition: Condition;
  quantity: number;
  attributes?: AttributeValues;
  shipping?: Shipping;
  crowdshipEligible?: boolean;
  // false saves a draft; the API publishes by default.
  publish?: boolean;
}

export type CreateListingInput = CreateListingCommon &
  ({ format: "fixed"; price: Money } | { format: "auction"; auction: AuctionTermsInput });

export interface UpdateListingInput {
  title?: string;
  description?: string;
  price?: Money;
  quantity?: number;
  attributes?: AttributeValues;
  shipping?: Shipping | null;
  crowdshipEligible?: boolean;
  auction?: Partial<AuctionTermsInput>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface OwnListingSummary {
  id: string;
  title: string;
  status: ListingStatus;
  format: ListingFormat;
  price: Money;
  quantity: number;
  quantityAvailable: number;
  bidCount: number;
  endsAt: string | null;
  imageUrl: string | null;
  createdAt: string;
}

export interface OwnListingsQuery {
  status?: ListingStatus;
  limit?: number;
  cursor?: string;
}

export type SearchSort = "relevance" | "price_asc" | "price_desc" | "ending_soon" | "newest";

export interface SearchQuery {
  q?: string;
  categoryId?: string;
  condition?: Condition;
  format?: ListingFormat;
  // Minor units of `currency`, which is required with either.
  minPrice?: number;
  maxPrice?: number;
  currency?: string;
  shipsTo?: string;
  crowdship?: boolean;
  sort?: SearchSort;
  limit?: number;
  cursor?: string;
}

export interface SearchHit {
  id: string;
  title: string;
  categoryId: string;
  condition: Condition;
  format: ListingFormat;
  price: Money;
  imageUrl: string | null;
  endsAt: string | null;
  bidCount: number;
  crowdshipEligible: boolean;
  // The country code it ships from; null when the listing has no shipping.
  shipsFrom: string | null;
  createdAt: string;
}

// Counts over the matches; condition, format and crowdshipEligible each ignore their own filter, so other values stay visible.
export interface SearchFacets {
  categoryId?: Record<string, number>;
  condition?: Record<string, number>;
  format?: Record<string, number>;
  crowdshipEligible?: Record<string, number>;
}

export interface SearchResult {
  items: SearchHit[];
  facets: SearchFacets;
  total: number;
  nextCursor: string | null;
  // Set when the words as typed matched nothing; the items are then for this correction.
  didYouMean?: string;
  // Identifies this search for click-through analytics.
  queryId: string;
}

export interface SearchClick {
  queryId: string;
  listingId: string;
  // Zero-based place of the clicked result in the results (across loaded pages).
  position: number;
}

// ---- Auctions (see shared API.md, "Auctions") ----

export type AuctionStatus = "scheduled" | "open" | "closed";

// The live state of one auction, from GET /v1/auctions/:listingId and the live socket's "state" message.
export interface AuctionState {
  listingId: string;
  status: AuctionStatus;
  // The start price until the first bid.
  currentPrice: Money;
  minNextBid: Money;
  bidCount: number;
  endsAt: string;
  // Always true when the auction has no reserve.
  reserveMet: boolean;
  buyItNowAvailable: boolean;
  buyItNowPrice: Money | null;
  leadingBidderAlias: string | null;
  // Only to the leader themself and the seller, and never on the socket.
  leadingBidderId?: string;
  // Present (possibly null) once the room has closed the auction and settled its outcome.
  winnerId?: string | null;
  winnerAlias?: string | null;
  finalPrice?: Money | null;
}

export interface PlaceBidInput {
  maxAmount: Money;
}

export interface BidResult {
  bidId: string;
  // The bidder's alias on this auction ("Bidder 2"), the same one the history and the live room show.
  bidderAlias: string;
  status: "leading" | "outbid";
  currentPrice: Money;
  minNextBid: Money;
  endsAt: string;
}

// One accepted bid as everyone sees it: who (by alias) and the price it made; never the bidder's maximum.
export interface BidHistoryEntry {
  bidderAlias: string;
  amount: Money;
  at: string;
}

export type MyBidStatus = "leading" | "outbid" | "won" | "lost";

export interface MyBid {
  listingId: string;
  title: string;
  myMaxAmount: Money;
  currentPrice: Money;
  bidCount: number;
  endsAt: string;
  status: MyBidStatus;
  lastBidAt: string;
}

export interface PageQuery {
  limit?: number;
  cursor?: string;
}

// What the live socket sends (JSON text frames).
export type AuctionLiveMessage =
  | { type: "state"; state: AuctionState }
  | {
      type: "bid";
      currentPrice: Money;
      bidCount: number;
      minNextBid: Money;
      endsAt: string;
      leadingBidderAlias: string;
      reserveMet: boolean;
      buyItNowAvailable: boolean;
    }
  | { type: "extended"; endsAt: string }
  | { type: "closed"; winnerAlias?: string; finalPrice?: Money; reserveMet: boolean }
  | { type: "pong" };

// ---- Money: wallet, payments, FX (see shared API.md, "Money", and docs/money.md) ----

export type WalletAccount = "available" | "held";

export interface WalletBalance {
  currency: string;
  available: Money;
  // In escrow: paid for orders not yet released.
  held: Money;
}

export interface Wallet {
  balances: WalletBalance[];
}

export interface StatementEntry {
  entryId: string;
  transferId: string;
  // Signed: negative when money left this account.
  amount: Money;
  balanceAfter: Money;
  // The transfer's kind: "deposit", "withdrawal", "escrow_hold", "escrow_release", "refund", "fx", "adjustment"; open so new kinds still render.
  kind: string;
  at: string;
}

export interface StatementQuery {
  currency: string;
  account?: WalletAccount;
  limit?: number;
  cursor?: string;
}

// What the payer's browser does before a card payment completes: the sandbox's 3-D Secure confirm, or Stripe.js's next action.
export type PaymentNextAction = { type: "sandbox_confirm"; confirmUrl: string } | { type: "use_stripe_sdk"; clientSecret: string };

export type PaymentStatus = "succeeded" | "requires_action" | "processing" | "failed";

export interface Payment {
  id: string;
  status: PaymentStatus;
  nextAction?: PaymentNextAction;
  declineCode?: string;
}

export interface Deposit {
  id: string;
  // The payment's status: succeeded (credited), requires_action (the payer must confirm), processing.
  status: PaymentStatus;
  amount: Money;
  payment: Payment;
  createdAt: string;
}

export interface DepositInput {
  amount: Money;
  // A sandbox test card's id, or a Stripe PaymentMethod id made by Stripe.js from the card field.
  paymentMethod: string;
}

export interface TestPaymentMethod {
  id: string;
  description: string;
}

export interface PaymentsConfig {
  provider: "sandbox" | "stripe";
  publishableKey?: string;
  testPaymentMethods?: TestPaymentMethod[];
}

export interface FxRate {
  currency: string;
  // Units of the currency per 1 USD, as an exact decimal string.
  unitsPerUsd: string;
  source: string;
  updatedAt: string;
}

export interface FxRates {
  base: string;
  spreadBps: number;
  quoteTtlSeconds: number;
  rates: FxRate[];
}

export interface FxQuoteInput {
  sell: Money;
  buyCurrency: string;
}

export interface FxQuote {
  id: string;
  sell: Money;
  buy: Money;
  // Units of the buy currency per unit of the sold one, as an exact decimal string.
  rate: string;
  spreadBps: number;
  expiresAt: string;
  createdAt: string;
}

export interface Conversion {
  id: string;
  quoteId: string;
  sell: Money;
  buy: Money;
  rate: string;
  transferId: string;
  createdAt: string;
}

// Where withdrawals go: a bank account with the sandbox, a Stripe Connect account with Stripe.
export type PayoutAccountInput = { type: "bank_account"; holderName: string; iban: string } | { type: "stripe_connect"; accountId: string };

export type PayoutAccount =
  | { type: "bank_account"; holderName: string; ibanLast4: string; country: string; label: string; updatedAt: string }
  | { type: "stripe_connect"; accountId: string; label: string; updatedAt: string };

export interface Withdrawal {
  id: string;
  status: "processing" | "paid" | "failed";
  amount: Money;
  destination: { type: PayoutAccount["type"]; label: string };
  failureReason?: string;
  createdAt: string;
}

// ---- Orders and disputes (workers/orders/schemas.ts) ----

export type OrderStatus =
  | "pending_payment"
  | "paid"
  | "shipped"
  | "in_transit"
  | "delivered"
  | "completed"
  | "cancelled"
  | "expired"
  | "refunded"
  | "disputed";

export type DeliveryMethod = "shipping" | "crowdship";

export interface Address {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  // ISO 3166-1 alpha-2.
  country: string;
}

export interface Delivery {
  method: DeliveryMethod;
  address: Address;
}

export interface TimelineEntry {
  status: OrderStatus;
  at: string;
  note?: string;
}

export type DisputeStatus = "open" | "resolved";
export type DisputeReason = "not_received" | "not_as_described" | "damaged" | "wrong_item" | "other";
export type DisputeOutcome = "refund" | "partial_refund" | "release";

export interface Order {
  id: string;
  status: OrderStatus;
  source: "fixed_price" | "buy_now" | "auction";
  listingId: string;
  title: string;
  buyerId: string;
  sellerId: string;
  quantity: number;
  unitPrice: Money;
  shippingCost: Money;
  total: Money;
  // Seller and admins only: the platform's cut, taken when escrow is released (what it will be, while the order is open).
  fee?: Money;
  // What went back to the buyer from escrow, once anything did.
  refunded?: Money;
  // Null for an auction's order until the buyer gives it at checkout.
  delivery: Delivery | null;
  paymentDueAt: string;
  paymentSource: PaySource | null;
  carrier: string | null;
  trackingNumber: string | null;
  deliveredAt: string | null;
  // When escrow goes to the seller by itself, while the order is delivered and undisputed.
  autoReleaseAt: string | null;
  secondChanceOf: string | null;
  timeline: TimelineEntry[];
  dispute?: { id: string; status: DisputeStatus; reason: string; outcome: DisputeOutcome | null };
  createdAt: string;
  updatedAt: string;
}

export interface CreateOrderInput {
  listingId: string;
  quantity: number;
  delivery: Delivery;
}

export type PaySource = "wallet" | "card";

export interface PayOrderInput {
  source: PaySource;
  // Required with a card: a sandbox test card's id, or a Stripe PaymentMethod id made by Stripe.js.
  paymentMethod?: string;
  // Required when the order has no delivery yet (an auction's order).
  delivery?: Delivery;
}

// 200 with the paid order, or 202 when the card needs a confirm step first.
export type PayOrderResult = { order: Order; payment: Payment | null };

export type OrderRole = "buyer" | "seller";

export interface MyOrdersQuery {
  role: OrderRole;
  status?: OrderStatus;
  limit?: number;
  cursor?: string;
}

export interface ShipOrderInput {
  carrier?: string;
  trackingNumber?: string;
}

export interface Evidence {
  kind: "text" | "url";
  value: string;
}

export interface DisputeMessage {
  id: string;
  authorId: string;
  authorRole: "buyer" | "seller" | "admin";
  message: string;
  evidence: Evidence[];
  at: string;
}

export interface DisputeResolution {
  outcome: DisputeOutcome;
  // Only for a partial refund.
  refundAmount: Money | null;
  note: string;
  resolvedBy: string;
  resolvedAt: string;
}

// A dispute as the admin queue lists it.
export interface DisputeSummary {
  id: string;
  orderId: string;
  status: DisputeStatus;
  reason: string;
  openedBy: string;
  orderStatus: OrderStatus;
  // What the order was when it was disputed (shipped, delivered…).
  orderStatusBefore: string;
  total: Money;
  // The admin's decision, null while the dispute is open.
  resolution: DisputeResolution | null;
  createdAt: string;
}

export interface Dispute extends DisputeSummary {
  messages: DisputeMessage[];
}

export interface OpenDisputeInput {
  reason: DisputeReason;
  message: string;
  evidence?: Evidence[];
}

export interface DisputeMessageInput {
  message: string;
  evidence?: Evidence[];
}

export interface ResolveDisputeInput {
  outcome: DisputeOutcome;
  // Only, and required, for a partial refund.
  refundAmount?: Money;
  note: string;
}

// ---- Fraud reviews (admin; workers/fraud/routes.ts) ----

export type ReviewStatus = "pending" | "approved" | "rejected";

export interface RiskReason {
  rule: string;
  points: number;
  detail: string;
}

export interface FraudReview {
  id: string;
  status: ReviewStatus;
  userId: string;
  // What was held: "deposit", "order_payment" or "withdrawal".
  kind: string;
  amount: Money;
  subjectType: string;
  subjectId: string;
  score: number;
  reasons: RiskReason[];
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
}

// ---- Anchoring (docs/anchoring.md; workers/anchoring/routes.ts) ----

// The inclusion proof document, exactly as the API and `npm run verify` know it (a type only: nothing of the Worker is bundled).
export type AnchorProof = ProofDocument;

export interface OrderProofs {
  items: AnchorProof[];
  // The caller's entries of the order not anchored yet.
  pending: number;
}

export type AnchoringConfig = { status: "off" } | { status: "on"; chainId: number; contract: string; rpcUrl: string | null };

// ---- Crowdship (see shared API.md, "Crowdship", and docs/crowdship.md; workers/crowdship/{trip,shipment}-schemas.ts) ----

export interface Place {
  city: string;
  // ISO 3166-1 alpha-2, upper case.
  country: string;
  lat: number;
  lng: number;
}

export type TripStatus = "scheduled" | "cancelled" | "completed";

export interface Trip {
  id: string;
  travelerId: string;
  from: Place;
  to: Place;
  departAt: string;
  arriveAt: string;
  capacityKg: number;
  // Capacity less what accepted shipments reserve.
  freeCapacityKg: number;
  // Category slugs the traveller accepts; empty means any.
  categories: string[];
  notes: string | null;
  status: TripStatus;
  createdAt: string;
  updatedAt: string;
}

export interface CreateTripInput {
  from: Place;
  to: Place;
  departAt: string;
  arriveAt: string;
  capacityKg: number;
  categories?: string[];
  notes?: string;
}

export type ShipmentRequestStatus = "open" | "accepted" | "cancelled" | "expired";

export interface ShipmentItem {
  title: string;
  weightKg: number;
  description?: string;
  // An https:// link to the item, for "buy this for me".
  link?: string;
  category?: string;
}

export interface ShipmentRequest {
  id: string;
  requesterId: string;
  orderId: string | null;
  item: ShipmentItem & { value: Money };
  from: Place;
  to: Place;
  readyAt: string;
  deliverBy: string;
  reward: Money | null;
  // The platform's price for carrying it, made when the request was created.
  quote: Money;
  status: ShipmentRequestStatus;
  // The shipment made by accepting an offer (null until then).
  shipmentId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateShipmentRequestInput {
  orderId?: string;
  // `value` is required unless the request carries an order (then it is the order's total).
  item: ShipmentItem & { value?: Money };
  from: Place;
  to: Place;
  readyAt?: string;
  deliverBy: string;
  reward?: Money;
}

interface MatchFit {
  // 0 to 1: higher is a better fit (detour, timing, the traveller's record, price).
  score: number;
  // The price with this traveller's detour.
  quote: Money;
  estimatedDeliveryAt: string;
  onTimeProbability: number;
  detourKm: number;
}

// A trip that can carry a request, as the requester sees it.
export interface TripMatch extends MatchFit {
  tripId: string;
  travelerId: string;
  travelerName: string;
  departAt: string;
  arriveAt: string;
  from: Place;
  to: Place;
  freeCapacityKg: number;
  traveler: { ratingAverage: number | null; ratingCount: number; deliveredCount: number; onTimeCount: number };
}

// An open request a trip can carry, as the traveller sees it.
export interface RequestMatch extends MatchFit {
  request: ShipmentRequest;
}

export type OfferStatus = "open" | "accepted" | "declined" | "withdrawn";

export interface ShipmentOffer {
  id: string;
  status: OfferStatus;
  requestId: string;
  tripId: string;
  travelerId: string;
  price: Money;
  // The request's quote, to compare the price with.
  quote: Money;
  pickupPlan: string | null;
  message: string | null;
  createdAt: string;
  updatedAt: string;
}

// One of the traveller's own offers with what it is for (GET /v1/me/offers).
export interface MyOffer extends ShipmentOffer {
  request: { id: string; item: { title: string; weightKg: number }; from: Place; to: Place; deliverBy: string; status: ShipmentRequestStatus };
}

export interface MyOffersQuery {
  status?: OfferStatus;
  limit?: number;
  cursor?: string;
}

export interface CreateOfferInput {
  tripId: string;
  price: Money;
  pickupPlan?: string;
  message?: string;
}

export type ShipmentStatus = "accepted" | "picked_up" | "in_transit" | "arrived" | "out_for_delivery" | "delivered" | "locked" | "cancelled";

export type MilestoneKind = "accepted" | "picked_up" | "departed" | "arrived" | "out_for_delivery" | "delivered" | "locked";

export interface Milestone {
  kind: MilestoneKind;
  at: string;
  // Where the courier was when it happened, if known.
  lat?: number;
  lng?: number;
}

export interface CourierPosition {
  lat: number;
  lng: number;
  at: string;
}

export interface Shipment {
  id: string;
  status: ShipmentStatus;
  requestId: string;
  offerId: string;
  tripId: string;
  travelerId: string;
  requesterId: string;
  orderId: string | null;
  sellerId: string | null;
  item: ShipmentItem;
  reward: Money;
  // "Buy this for me": the item's price, held with the reward and paid to the traveller on delivery (zero for an order).
  itemCost: Money;
  from: Place;
  to: Place;
  deliverBy: string;
  plannedArriveAt: string;
  deliveredAt: string | null;
  rating: number | null;
  milestones: Milestone[];
  // Live, on one shipment only (not in lists).
  lastPosition?: CourierPosition | null;
  eta?: string | null;
  trace?: CourierPosition[];
  // Wrong PINs left before the shipment locks (traveller and requester only).
  pinAttemptsLeft?: number;
  createdAt: string;
  updatedAt: string;
}

export interface AcceptOfferResult {
  shipment: Shipment;
  // The 6-digit delivery PIN, shown this once.
  pin: string;
}

export interface PositionsResult {
  // Positions kept; older than the last one or too far in the future are ignored.
  accepted: number;
  lastPosition: CourierPosition | null;
  eta: string | null;
  status: ShipmentStatus;
}

export type ShipmentRole = "traveler" | "requester";

// The courier session's live view, sent as the socket's "state" message on connect.
export interface ShipmentLiveView {
  shipmentId: string;
  status: ShipmentStatus;
  lastPosition: CourierPosition | null;
  eta: string | null;
  milestones: Milestone[];
  trace: CourierPosition[];
  pinAttemptsLeft: number;
}

// What the live socket sends (JSON text frames).
export type ShipmentLiveMessage =
  | { type: "state"; state: ShipmentLiveView }
  | ({ type: "position" } & CourierPosition)
  | { type: "eta"; eta: string | null }
  | ({ type: "milestone" } & Milestone)
  | { type: "error"; code: string; detail: string }
  | { type: "pong" };

// A trip's drop-off order for its deliveries, from where the traveller starts.
export interface TripRoute {
  start: Place;
  stops: { shipmentId: string; place: Place; legKm: number }[];
  distanceKm: number;
}
