// Typed client for the Mnbara /v1 API: same-origin JSON, bearer auth, and one refresh-and-retry on a 401.
import { ApiError } from "./api-error";
import type {
  AcceptOfferResult,
  AnchoringConfig,
  AnchorProof,
  AuctionState,
  BidHistoryEntry,
  BidResult,
  Category,
  Conversion,
  CourierPosition,
  CreateListingInput,
  CreateOfferInput,
  CreateOrderInput,
  CreateShipmentRequestInput,
  CreateTripInput,
  Deposit,
  DepositInput,
  Dispute,
  DisputeMessage,
  DisputeMessageInput,
  DisputeStatus,
  DisputeSummary,
  FraudReview,
  FxQuote,
  FxQuoteInput,
  FxRates,
  Listing,
  MfaStatus,
  Money,
  MyBid,
  MyOffer,
  MyOffersQuery,
  MyOrdersQuery,
  OpenDisputeInput,
  Order,
  OrderProofs,
  OwnListingSummary,
  OwnListingsQuery,
  Page,
  PageQuery,
  PayOrderInput,
  PayOrderResult,
  Payment,
  PaymentsConfig,
  PayoutAccount,
  PayoutAccountInput,
  PlaceBidInput,
  PositionsResult,
  RegisterInput,
  RequestMatch,
  ResolveDisputeInput,
  ReviewStatus,
  SearchClick,
  SearchQuery,
  SearchResult,
  SelfServiceRole,
  Session,
  ShipOrderInput,
  Shipment,
  ShipmentOffer,
  ShipmentRequest,
  ShipmentRole,
  SignInInput,
  StatementEntry,
  StatementQuery,
  TotpSetup,
  Trip,
  TripMatch,
  TripRoute,
  UpdateListingInput,
  UploadedImage,
  User,
  Wallet,
  Withdrawal,
} from "./types";
import { uploadRequest, type UploadProgress } from "./upload-request";

// Where the session lives; the client reads and replaces tokens but does not own them.
export interface SessionStore {
  accessToken(): string | null;
  refreshToken(): string | null;
  started(session: Session): void;
  ended(): void;
}

interface Call {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  // Sent as JSON.
  body?: unknown;
  // Sent as is, e.g. a photo; `body` is ignored when this is set.
  raw?: { data: Blob; contentType: string };
  onUploadProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal | undefined;
  cache?: RequestCache;
  // Lets a request finish after the page navigates away (click tracking).
  keepalive?: boolean;
  // Extra request headers, e.g. Idempotency-Key.
  headers?: Record<string, string>;
}

type QueryValue = string | number | boolean | undefined;

const refreshLockName = "mnbara.refresh";

export function createApiClient(session: SessionStore) {
  // Refresh tokens rotate and a reused one revokes the whole family, so at most one refresh runs at a time.
  let refreshing: Promise<boolean> | null = null;

  async function send<T>(call: Call, accessToken: string | null = null): Promise<T> {
    const headers = new Headers({ ...call.headers, Accept: "application/json, application/problem+json" });
    if (call.raw !== undefined) headers.set("Content-Type", call.raw.contentType);
    else if (call.body !== undefined) headers.set("Content-Type", "application/json");
    if (accessToken !== null) headers.set("Authorization", `Bearer ${accessToken}`);
    const url = `/v1${call.path}`;
    let response: Response;
    try {
      if (call.raw !== undefined && call.onUploadProgress !== undefined) {
        const { data } = call.raw;
        response = await uploadRequest({ method: call.method, url, headers, body: data, onProgress: call.onUploadProgress, signal: call.signal });
      } else {
        response = await fetch(url, {
          method: call.method,
          headers,
          body: call.raw !== undefined ? call.raw.data : call.body === undefined ? undefined : JSON.stringify(call.body),
          signal: call.signal ?? null,
          ...(call.cache === undefined ? {} : { cache: call.cache }),
          ...(call.keepalive === undefined ? {} : { keepalive: call.keepalive }),
        });
      }
    } catch (error) {
      // A request the caller cancelled is not a failure to report.
      if (call.signal?.aborted) throw error;
      throw ApiError.network();
    }
    if (!response.ok) throw await ApiError.fromResponse(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  // True when a new session was obtained. A rejected refresh token ends the session; an outage does not.
  function refreshSession(): Promise<boolean> {
    refreshing ??= withRefreshLock(async () => {
      const refreshToken = session.refreshToken();
      if (refreshToken === null) {
        session.ended();
        return false;
      }
      try {
        session.started(await send<Session>({ method: "POST", path: "/auth/refresh", body: { refreshToken } }));
        return true;
      } catch (error) {
        if (error instanceof ApiError && isRejection(error)) {
          session.ended();
          return false;
        }
        throw error;
      }
    }).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** Only a rejected token means the session needs renewing; a 401 such as INVALID_TOTP is the user's input. */
  const isTokenProblem = (error: unknown): error is ApiError =>
    error instanceof ApiError && error.status === 401 && (error.code === "INVALID_TOKEN" || error.code === "UNAUTHENTICATED");

  // `call` may be a function so a retried request is rebuilt with the tokens current at that moment.
  async function authed<T>(call: Call | (() => Call)): Promise<T> {
    const build = typeof call === "function" ? call : () => call;
    const usedToken = session.accessToken();
    try {
      return await send<T>(build(), usedToken);
    } catch (error) {
      if (!isTokenProblem(error)) throw error;
      // Another request may already have refreshed while this one was in flight.
      const renewed = session.accessToken() !== usedToken || (await refreshSession());
      if (!renewed) throw error;
    }
    try {
      return await send<T>(build(), session.accessToken());
    } catch (error) {
      if (isTokenProblem(error)) session.ended();
      throw error;
    }
  }

  async function startSession(path: string, body: RegisterInput | SignInInput): Promise<User> {
    const result = await send<Session>({ method: "POST", path, body });
    session.started(result);
    return result.user;
  }

  return {
    register: (input: RegisterInput) => startSession("/auth/register", input),
    signIn: (input: SignInInput) => startSession("/auth/login", input),
    refreshSession,

    // The local session ends even when the server cannot be told.
    async signOut(): Promise<void> {
      try {
        await authed<void>(() => {
          const refreshToken = session.refreshToken();
          return { method: "POST", path: "/auth/logout", body: refreshToken === null ? {} : { refreshToken } };
        });
      } catch {
        // Nothing for the user to act on: the tokens are dropped below either way.
      } finally {
        session.ended();
      }
    },

    me: () => authed<User>({ method: "GET", path: "/me" }),
    addRole: (role: SelfServiceRole) => authed<User>({ method: "POST", path: "/me/roles", body: { role } }),
    setUpTotp: () => authed<TotpSetup>({ method: "POST", path: "/auth/mfa/totp/setup", body: {} }),
    confirmTotp: (code: string) => authed<MfaStatus>({ method: "POST", path: "/auth/mfa/totp/confirm", body: { code } }),
    disableTotp: (code: string) => authed<MfaStatus>({ method: "POST", path: "/auth/mfa/totp/disable", body: { code } }),

    // Catalog.
    categories: () => send<{ items: Category[] }>({ method: "GET", path: "/categories" }).then((result) => result.items),
    // Signed in, the seller sees drafts and the reserve; revalidated so a public copy in the HTTP cache is never shown instead.
    listing: (id: string, signal?: AbortSignal) =>
      authed<Listing>(() => ({ method: "GET", path: `/listings/${encodeURIComponent(id)}`, signal, ...(session.accessToken() === null ? {} : { cache: "no-cache" }) })),
    createListing: (input: CreateListingInput) => authed<Listing>({ method: "POST", path: "/listings", body: input }),
    updateListing: (id: string, changes: UpdateListingInput) => authed<Listing>({ method: "PATCH", path: `/listings/${encodeURIComponent(id)}`, body: changes }),
    publishListing: (id: string) => authed<Listing>({ method: "POST", path: `/listings/${encodeURIComponent(id)}/publish`, body: {} }),
    endListing: (id: string) => authed<Listing>({ method: "POST", path: `/listings/${encodeURIComponent(id)}/end`, body: {} }),
    uploadListingImage: (id: string, file: Blob, contentType: string, onProgress?: (progress: UploadProgress) => void) =>
      authed<UploadedImage>({
        method: "POST",
        path: `/listings/${encodeURIComponent(id)}/images`,
        raw: { data: file, contentType },
        ...(onProgress === undefined ? {} : { onUploadProgress: onProgress }),
      }),
    deleteListingImage: (id: string, imageId: string) =>
      authed<void>({ method: "DELETE", path: `/listings/${encodeURIComponent(id)}/images/${encodeURIComponent(imageId)}` }),
    myListings: (query: OwnListingsQuery = {}, signal?: AbortSignal) =>
      authed<Page<OwnListingSummary>>({ method: "GET", path: `/me/listings${queryString({ ...query })}`, signal }),

    // Auctions. The state is signed in when possible: the leader (and the seller) then learn who leads.
    auction: (listingId: string, signal?: AbortSignal) => authed<AuctionState>({ method: "GET", path: `/auctions/${encodeURIComponent(listingId)}`, signal }),
    // The caller makes the key once per bid and sends the same one again when retrying it, so a retry never bids twice.
    placeBid: (listingId: string, input: PlaceBidInput, idempotencyKey: string) =>
      authed<BidResult>({ method: "POST", path: `/auctions/${encodeURIComponent(listingId)}/bids`, body: input, headers: { "Idempotency-Key": idempotencyKey } }),
    bidHistory: (listingId: string, signal?: AbortSignal) =>
      send<{ items: BidHistoryEntry[] }>({ method: "GET", path: `/auctions/${encodeURIComponent(listingId)}/bids${queryString({ limit: 50 })}`, signal }).then((result) => result.items),
    // Answers with the closed auction.
    // Answers with the buyer's order to pay, and the auction as it closed.
    buyItNow: (listingId: string) => authed<Order & { auction: AuctionState }>({ method: "POST", path: `/auctions/${encodeURIComponent(listingId)}/buy-now`, body: {} }),
    myBids: (query: PageQuery = {}, signal?: AbortSignal) => authed<Page<MyBid>>({ method: "GET", path: `/me/bids${queryString({ ...query })}`, signal }),
    // The live room needs no token; anyone may watch.
    auctionLiveUrl(listingId: string): string {
      const scheme = location.protocol === "https:" ? "wss:" : "ws:";
      return `${scheme}//${location.host}/v1/auctions/${encodeURIComponent(listingId)}/live`;
    },

    // Wallet and payments. Every call that moves money takes the caller's Idempotency-Key: one per user action, reused on a retry.
    paymentsConfig: (signal?: AbortSignal) => send<PaymentsConfig>({ method: "GET", path: "/payments/config", signal }),
    wallet: (signal?: AbortSignal) => authed<Wallet>({ method: "GET", path: "/wallet", signal }),
    statement: (query: StatementQuery, signal?: AbortSignal) => authed<Page<StatementEntry>>({ method: "GET", path: `/wallet/statement${queryString({ ...query })}`, signal }),
    deposit: (input: DepositInput, idempotencyKey: string) => authed<Deposit>(moneyPost("/wallet/deposits", input, idempotencyKey)),
    // The sandbox's 3-D Secure step: the payer says yes, and the payment settles.
    confirmPayment: (paymentId: string, idempotencyKey: string) => authed<Payment>(moneyPost(`/payments/${encodeURIComponent(paymentId)}/confirm`, {}, idempotencyKey)),
    fxRates: (signal?: AbortSignal) => authed<FxRates>({ method: "GET", path: "/fx/rates", signal }),
    fxQuote: (input: FxQuoteInput) => authed<FxQuote>({ method: "POST", path: "/wallet/fx-quotes", body: input }),
    convert: (quoteId: string, idempotencyKey: string) => authed<Conversion>(moneyPost("/wallet/conversions", { quoteId }, idempotencyKey)),
    payoutAccount: (signal?: AbortSignal) => authed<PayoutAccount>({ method: "GET", path: "/wallet/payout-account", signal }),
    savePayoutAccount: (input: PayoutAccountInput) => authed<PayoutAccount>({ method: "PUT", path: "/wallet/payout-account", body: input }),
    withdraw: (amount: Money, idempotencyKey: string) => authed<Withdrawal>(moneyPost("/wallet/withdrawals", { amount }, idempotencyKey)),

    // Orders and disputes.
    createOrder: (input: CreateOrderInput, idempotencyKey: string) => authed<Order>({ method: "POST", path: "/orders", body: input, headers: { "Idempotency-Key": idempotencyKey } }),
    order: (id: string, signal?: AbortSignal) => authed<Order>({ method: "GET", path: `/orders/${encodeURIComponent(id)}`, signal, cache: "no-store" }),
    myOrders: (query: MyOrdersQuery, signal?: AbortSignal) => authed<Page<Order>>({ method: "GET", path: `/me/orders${queryString({ ...query })}`, signal }),
    // 200 is the paid order; 202 carries the order and the payment still waiting for its confirm step.
    payOrder: (id: string, input: PayOrderInput, idempotencyKey: string) =>
      authed<Order | PayOrderResult>(moneyPost(`/orders/${encodeURIComponent(id)}/pay`, input, idempotencyKey)).then(toPayOrderResult),
    shipOrder: (id: string, input: ShipOrderInput) => authed<Order>({ method: "POST", path: `/orders/${encodeURIComponent(id)}/ship`, body: input }),
    markDelivered: (id: string) => authed<Order>({ method: "POST", path: `/orders/${encodeURIComponent(id)}/delivered` }),
    confirmDelivery: (id: string, idempotencyKey: string) => authed<Order>(moneyPost(`/orders/${encodeURIComponent(id)}/confirm-delivery`, {}, idempotencyKey)),
    cancelOrder: (id: string, idempotencyKey: string) => authed<Order>(moneyPost(`/orders/${encodeURIComponent(id)}/cancel`, {}, idempotencyKey)),
    openDispute: (orderId: string, input: OpenDisputeInput) => authed<Dispute>({ method: "POST", path: `/orders/${encodeURIComponent(orderId)}/disputes`, body: input }),
    orderDispute: (orderId: string, signal?: AbortSignal) => authed<Dispute>({ method: "GET", path: `/orders/${encodeURIComponent(orderId)}/dispute`, signal, cache: "no-store" }),
    addDisputeMessage: (disputeId: string, input: DisputeMessageInput) => authed<DisputeMessage>({ method: "POST", path: `/disputes/${encodeURIComponent(disputeId)}/messages`, body: input }),

    // Admin.
    adminDisputes: (query: { status?: DisputeStatus; limit?: number; cursor?: string }, signal?: AbortSignal) =>
      authed<Page<DisputeSummary>>({ method: "GET", path: `/admin/disputes${queryString({ ...query })}`, signal }),
    resolveDispute: (disputeId: string, input: ResolveDisputeInput, idempotencyKey: string) =>
      authed<Dispute>(moneyPost(`/admin/disputes/${encodeURIComponent(disputeId)}/resolve`, input, idempotencyKey)),
    adminReviews: (query: { status?: ReviewStatus; limit?: number; cursor?: string }, signal?: AbortSignal) =>
      authed<Page<FraudReview>>({ method: "GET", path: `/admin/reviews${queryString({ ...query })}`, signal }),
    decideReview: (reviewId: string, decision: "approve" | "reject", note: string) =>
      authed<FraudReview>({ method: "POST", path: `/admin/reviews/${encodeURIComponent(reviewId)}/${decision}`, body: note === "" ? {} : { note } }),

    // Crowdship. Accepting an offer holds its price from the wallet, so it takes an Idempotency-Key like every money move.
    createTrip: (input: CreateTripInput) => authed<Trip>({ method: "POST", path: "/trips", body: input }),
    cancelTrip: (id: string) => authed<Trip>({ method: "POST", path: `/trips/${encodeURIComponent(id)}/cancel`, body: {} }),
    myTrips: (query: PageQuery = {}, signal?: AbortSignal) => authed<Page<Trip>>({ method: "GET", path: `/me/trips${queryString({ ...query })}`, signal }),
    tripRequests: (tripId: string, signal?: AbortSignal) =>
      authed<{ items: RequestMatch[] }>({ method: "GET", path: `/trips/${encodeURIComponent(tripId)}/requests`, signal }).then((result) => result.items),
    tripRoute: (tripId: string, signal?: AbortSignal) => authed<TripRoute>({ method: "GET", path: `/trips/${encodeURIComponent(tripId)}/route`, signal }),
    createShipmentRequest: (input: CreateShipmentRequestInput) => authed<ShipmentRequest>({ method: "POST", path: "/shipment-requests", body: input }),
    myShipmentRequests: (query: PageQuery = {}, signal?: AbortSignal) =>
      authed<Page<ShipmentRequest>>({ method: "GET", path: `/me/shipment-requests${queryString({ ...query })}`, signal }),
    shipmentRequest: (id: string, signal?: AbortSignal) => authed<ShipmentRequest>({ method: "GET", path: `/shipment-requests/${encodeURIComponent(id)}`, signal, cache: "no-store" }),
    requestMatches: (id: string, signal?: AbortSignal) =>
      authed<{ items: TripMatch[] }>({ method: "GET", path: `/shipment-requests/${encodeURIComponent(id)}/matches`, signal }).then((result) => result.items),
    requestOffers: (id: string, signal?: AbortSignal) =>
      authed<{ items: ShipmentOffer[] }>({ method: "GET", path: `/shipment-requests/${encodeURIComponent(id)}/offers`, signal, cache: "no-store" }).then((result) => result.items),
    myOffers: (query: MyOffersQuery = {}, signal?: AbortSignal) =>
      authed<Page<MyOffer>>({ method: "GET", path: `/me/offers${queryString({ ...query })}`, signal, cache: "no-store" }),
    makeOffer: (requestId: string, input: CreateOfferInput) => authed<ShipmentOffer>({ method: "POST", path: `/shipment-requests/${encodeURIComponent(requestId)}/offers`, body: input }),
    acceptOffer: (offerId: string, idempotencyKey: string) => authed<AcceptOfferResult>(moneyPost(`/offers/${encodeURIComponent(offerId)}/accept`, {}, idempotencyKey)),
    myShipments: (query: PageQuery & { role: ShipmentRole }, signal?: AbortSignal) =>
      authed<Page<Shipment>>({ method: "GET", path: `/me/shipments${queryString({ ...query })}`, signal, cache: "no-store" }),
    shipment: (id: string, signal?: AbortSignal) => authed<Shipment>({ method: "GET", path: `/shipments/${encodeURIComponent(id)}`, signal, cache: "no-store" }),
    pickUpShipment: (id: string) => authed<Shipment>({ method: "POST", path: `/shipments/${encodeURIComponent(id)}/pickup`, body: {} }),
    postPositions: (id: string, positions: CourierPosition[]) =>
      authed<PositionsResult>({ method: "POST", path: `/shipments/${encodeURIComponent(id)}/positions`, body: { positions } }),
    // The right PIN releases the reward, so a retried hand-over must not count as a second try.
    deliverShipment: (id: string, pin: string, idempotencyKey: string) => authed<Shipment>(moneyPost(`/shipments/${encodeURIComponent(id)}/deliver`, { pin }, idempotencyKey)),
    rateShipment: (id: string, rating: number) => authed<Shipment>({ method: "POST", path: `/shipments/${encodeURIComponent(id)}/rating`, body: { rating } }),
    // The socket cannot carry a bearer token, so each connection opens with a single-use ticket for its own path.
    async shipmentLiveUrl(id: string): Promise<string> {
      const path = `/v1/shipments/${encodeURIComponent(id)}/live`;
      const { ticket } = await authed<{ ticket: string }>({ method: "POST", path: "/realtime/tickets", body: { path } });
      const scheme = location.protocol === "https:" ? "wss:" : "ws:";
      return `${scheme}//${location.host}${path}${queryString({ ticket })}`;
    },

    // Anchoring: proofs are 404 until their batch is on chain; an auction's is public, an order's only for its parties.
    anchoringConfig: (signal?: AbortSignal) => send<AnchoringConfig>({ method: "GET", path: "/anchoring/config", signal }),
    orderProofs: (orderId: string, signal?: AbortSignal) => authed<OrderProofs>({ method: "GET", path: `/orders/${encodeURIComponent(orderId)}/proofs`, signal, cache: "no-store" }),
    auctionProof: (listingId: string, signal?: AbortSignal) => send<AnchorProof>({ method: "GET", path: `/auctions/${encodeURIComponent(listingId)}/proof`, signal, cache: "no-store" }),

    // Search is public: no token, so responses stay cacheable and a signed-out visitor gets the same results.
    search: (query: SearchQuery, signal?: AbortSignal) => send<SearchResult>({ method: "GET", path: `/search${queryString({ ...query })}`, signal }),
    suggest: (q: string, signal?: AbortSignal) =>
      send<{ items: string[] }>({ method: "GET", path: `/search/suggest${queryString({ q })}`, signal }).then((result) => result.items),
    // Fire and forget: analytics must never get in the way of opening the listing.
    recordSearchClick(click: SearchClick): void {
      send<void>({ method: "POST", path: "/search/clicks", body: click, keepalive: true }).catch(() => undefined);
    },
  };
}

function moneyPost(path: string, body: unknown, idempotencyKey: string): Call {
  return { method: "POST", path, body, headers: { "Idempotency-Key": idempotencyKey } };
}

function toPayOrderResult(body: Order | PayOrderResult): PayOrderResult {
  return "order" in body ? { order: body.order, payment: body.payment ?? null } : { order: body, payment: null };
}

// "?a=1&b=x" from the defined, non-empty values, or "" when there are none.
function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === "") continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

// 4xx means the server looked at the token and said no; 429 and 5xx are worth trying again later.
function isRejection(error: ApiError): boolean {
  return error.status >= 400 && error.status < 500 && error.status !== 429;
}

// Serializes refreshes across tabs too: each reads the refresh token only once it holds the lock.
async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator === "undefined" || navigator.locks === undefined) return task();
  return await navigator.locks.request(refreshLockName, task);
}
