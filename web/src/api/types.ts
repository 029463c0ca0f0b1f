// Shapes of the /v1 requests and responses the web app uses (see shared API.md, "Auth").
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
