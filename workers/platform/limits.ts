// Every limit Mnbara enforces, in one place, each with the reason it exists.

/** Largest JSON body any route accepts; bigger bodies are refused with 413 before parsing. */
export const MAX_JSON_BODY_BYTES = 64 * 1024; // no API body in the contract comes near this

/** Lists never return more than this many items in one page (API.md: `limit` max 100). */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Access tokens are short-lived so a leaked one is useful for minutes, not days. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** A refresh token lives 30 days; each use rotates it. */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
/**
 * How long Redis may vouch for a live session before Postgres is asked again. Revocations write a tombstone, so
 * this only bounds how stale a session can be when Redis could not be told (an outage during logout).
 */
export const SESSION_CACHE_TTL_SECONDS = 60;
/**
 * An isolate trusts a session Redis vouched for this long without asking again: the longest a logout elsewhere can
 * take to reach an isolate that just saw the session (the isolate handling the logout forgets at once).
 */
export const SESSION_ISOLATE_CACHE_SECONDS = 2;
/** Sessions one isolate remembers; past this it starts over (bounded memory). */
export const SESSION_ISOLATE_CACHE_MAX_ENTRIES = 10_000;
/** A revoked session's tombstone lives as long as any access token of it could. */
export const SESSION_TOMBSTONE_TTL_SECONDS = ACCESS_TOKEN_TTL_SECONDS;
/** Clock skew tolerated when checking JWT times (edge locations' clocks drift a little). */
export const JWT_CLOCK_TOLERANCE_SECONDS = 5;

/**
 * PBKDF2-SHA256 iterations. Cloudflare caps WebCrypto PBKDF2 at 100,000 iterations in production,
 * so this is the most we may use; a server-side pepper (HMAC secret) makes up for the lower count.
 */
export const PASSWORD_PBKDF2_ITERATIONS = 100_000;
export const PASSWORD_MIN_LENGTH = 10; // NIST SP 800-63B asks for at least 8; we ask a little more
export const PASSWORD_MAX_LENGTH = 128; // bounds hashing cost per request

/** Login throttling: per account and per client IP, sliding windows. */
export const LOGIN_ATTEMPTS_PER_ACCOUNT = 10;
export const LOGIN_ATTEMPTS_PER_IP = 50;
export const LOGIN_WINDOW_SECONDS = 15 * 60;
/** Registrations per IP, so one client cannot mint thousands of accounts. */
export const REGISTRATIONS_PER_IP = 20;
export const REGISTRATION_WINDOW_SECONDS = 60 * 60;

/** TOTP (RFC 6238): 6 digits, 30 s period, one step either side accepted for clock drift. */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_WINDOW_STEPS = 1;

/** Realtime tickets (API.md): single use, bound to a user and path, valid 30 s. */
export const REALTIME_TICKET_TTL_SECONDS = 30;

/** Outbox relay: rows per cron pass, and how old a row must be before cron takes over from waitUntil. */
export const OUTBOX_RELAY_BATCH_SIZE = 100; // Queues accept at most 100 messages per sendBatch
export const OUTBOX_RELAY_PASSES_PER_RUN = 20; // bounds one cron run to 2,000 events
export const OUTBOX_RELAY_GRACE_SECONDS = 30;
/** Consumer retries: exponential backoff capped at 10 minutes; after max_retries (wrangler.toml) → DLQ. */
export const EVENT_RETRY_BASE_DELAY_SECONDS = 5;
export const EVENT_RETRY_MAX_DELAY_SECONDS = 600;

/** Per-isolate fallback rate limiter (no Redis): keys kept at most, so memory stays bounded. */
export const LOCAL_RATE_LIMIT_MAX_KEYS = 10_000;

/** Health checks give up on a dependency after this long and report it down. */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/** Field lengths for user-supplied text. */
export const EMAIL_MAX_LENGTH = 254; // RFC 5321 path limit
export const DISPLAY_NAME_MAX_LENGTH = 64;
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
/** Idempotency keys are kept a day (as Stripe does): long enough for any client's retries, short enough to keep the table small. */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;
/** A request holds its key this long; if it died mid-way (isolate evicted) a retry after this may take the key over. */
export const IDEMPOTENCY_LOCK_SECONDS = 60;
/** Expired keys deleted per cron pass and passes per run: bounds one run's work (10,000 rows). */
export const IDEMPOTENCY_CLEANUP_BATCH_SIZE = 1_000;
export const IDEMPOTENCY_CLEANUP_PASSES_PER_RUN = 10;

/** Listings: text sizes a marketplace page can show well, and stock a single listing can hold. */
export const LISTING_TITLE_MAX_LENGTH = 120; // eBay allows 80; a little more for other languages
export const LISTING_DESCRIPTION_MAX_LENGTH = 20_000;
export const LISTING_MAX_QUANTITY = 100_000;
export const LISTING_MAX_ATTRIBUTES = 30;
export const LISTING_SHIPPING_MAX_REGIONS = 250; // every ISO country
/** API.md: an auction may end as soon as 10 seconds ahead (to try short auctions) and at most 30 days ahead. */
export const AUCTION_MIN_DURATION_SECONDS = 10;
export const AUCTION_MAX_DURATION_SECONDS = 30 * 24 * 60 * 60;
export const AUCTION_DEFAULT_SOFT_CLOSE_SECONDS = 120;
export const AUCTION_MAX_SOFT_CLOSE_SECONDS = 60 * 60;

/** Images: at most 10 per listing, 5 MB each (a phone photo), JPEG/PNG/WebP only. */
export const LISTING_MAX_IMAGES = 10;
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/** A stock reservation lapses if its order is not paid in time (the orders issue sets its own deadline within this). */
export const STOCK_RESERVATION_DEFAULT_TTL_SECONDS = 30 * 60;
export const STOCK_RESERVATION_MAX_TTL_SECONDS = 7 * 24 * 60 * 60;
export const STOCK_RELEASE_BATCH_SIZE = 500; // expired reservations released per cron pass

/** Listing reads cached in Redis this long; edits delete the entry at once, the TTL only bounds staleness if a delete is lost. */
export const LISTING_CACHE_TTL_SECONDS = 60;

/** Auctions: how far soft close may push the end past the original (eBay has none; we cap it so an auction cannot run forever). */
export const AUCTION_MAX_EXTENSION_SECONDS = 60 * 60;
/**
 * Bids one user may place per minute in one auction: generous for a bidding war, fatal for a script. The room counts
 * them in memory (it serializes bids anyway), so the check costs the bid path no Redis round trip.
 */
export const BIDS_PER_USER_PER_MINUTE = 30;
/** Bidders a room tracks for that limit; past this the least recently active is forgotten (bounded memory). */
export const AUCTION_RATE_LIMITED_BIDDERS_MAX = 10_000;
export const AUCTION_HISTORY_MAX_ITEMS = 100;
/** The room hands its bid copies to the queue in batches of at most this (Queues' own batch limit). */
export const AUCTION_EVENT_FLUSH_BATCH = 100;
/** Back-to-back flushes one flush may run while bids keep arriving; the alarm picks up whatever is left. */
export const AUCTION_EVENT_FLUSH_PASSES = 20;
/** Bidder aliases a room keeps in memory; past this the map starts over (a room with more bidders just reads SQLite). */
export const AUCTION_ALIAS_CACHE_MAX_ENTRIES = 10_000;
/** When Postgres or the queue is unreachable, the room's alarm retries after this long. */
export const AUCTION_RETRY_DELAY_SECONDS = 5;

/** Search: query text longer than this is pasted prose, not a search; it also bounds tsquery and trigram work per request. */
export const SEARCH_QUERY_MAX_LENGTH = 200;
/** Typo correction looks up each query word separately; more words than this are left as typed. */
export const SEARCH_CORRECTION_MAX_WORDS = 8;
/** Titles read per misspelt word to pick its correction from: enough to contain the intended word, few enough to stay fast. */
export const SEARCH_CORRECTION_CANDIDATE_TITLES = 30;
/** Relevance pages are an offset into the ranked matches (a sort of offset + limit rows); nobody pages past this (eBay stops at 10,000 too). */
export const SEARCH_MAX_OFFSET = 10_000;
/** Search results cached in Redis this long; listing events invalidate them at once, the TTL bounds staleness if one is lost. */
export const SEARCH_CACHE_TTL_SECONDS = 30;
/** Browsers and CDNs may reuse a search response this long (shorter than the Redis TTL: a shared cache cannot be invalidated). */
export const SEARCH_HTTP_MAX_AGE_SECONDS = 15;
/** Autocomplete shows at most this many suggestions (a dropdown, not a page). */
export const SUGGEST_MAX_ITEMS = 10;
/** Popular past queries read per suggest before re-ranking by live popularity: enough to fill the list after re-ranking. */
export const SUGGEST_POPULAR_CANDIDATES = 50;
/** Listing titles read to build title completions; word counts over a sample this size rank them well enough, and it bounds the work. */
export const SUGGEST_TITLE_SAMPLE = 200;
/** Title completions need a word of at least this many characters: the trigram index cannot narrow shorter fragments. */
export const SUGGEST_MIN_WORD_LENGTH = 3;
/** Distinct queries kept in the Redis popularity set; the long tail never reaches a top-10 list, and Redis memory stays bounded. */
export const SEARCH_POPULAR_TERMS_MAX = 100_000;
/** Algolia records: descriptions are cut to this many UTF-8 bytes so a whole record (title, up to 250 ships-to codes, the rest) stays under the 10 KB per record of Algolia's smallest plans. */
export const ALGOLIA_DESCRIPTION_MAX_BYTES = 6_000;
/** Values Algolia returns per facet (its own maximum): its default of 100 would start dropping leaf categories as the tree grows. */
export const ALGOLIA_MAX_FACET_VALUES = 1_000;
/** Polls of the settings task before the deploy stops waiting: the client's delays grow 0.2 s per poll up to 5 s, so about 3 minutes. */
export const ALGOLIA_SETTINGS_TASK_MAX_POLLS = 50;
/** Search analytics: the report window, and how many queries each list shows. */
export const SEARCH_ANALYTICS_DEFAULT_DAYS = 7;
export const SEARCH_ANALYTICS_MAX_DAYS = 90; // bounds the rows one report scans; longer trends belong in a warehouse
export const SEARCH_ANALYTICS_DEFAULT_ITEMS = 20;

/** Ledger: postings in one transfer; the largest standard transfer (FX) has 4, and each posting is a row lock held to commit. */
export const LEDGER_MAX_POSTINGS = 16;
/** Ledger references are the caller's idempotency keys (`order:<id>:release`); longer ones are a bug, not a need. */
export const LEDGER_REFERENCE_MAX_LENGTH = 200;
export const LEDGER_MEMO_MAX_LENGTH = 500; // a line for people reading statements, not a document
/** Provider names and other non-user account owners are short slugs, so account keys stay unambiguous and small. */
export const LEDGER_OWNER_ID_MAX_LENGTH = 64;
/** ledger:verify reads this many accounts, and this many entries, per query: bounded memory for any ledger size. */
export const LEDGER_VERIFY_ACCOUNTS_PER_PAGE = 500;
export const LEDGER_VERIFY_ENTRIES_PER_PAGE = 5_000;
/** ledger:verify lists at most this many mismatches (it still counts all): one broken account can produce millions. */
export const LEDGER_VERIFY_MAX_LISTED_MISMATCHES = 1_000;

/** Orders: a fixed-price order holds stock, so it must be paid soon (checkout, not a wishlist); an auction winner gets days, as on eBay. */
export const ORDER_PAYMENT_WINDOW_SECONDS = 30 * 60;
export const AUCTION_ORDER_PAYMENT_WINDOW_SECONDS = 3 * 24 * 60 * 60;
/** The stock reservation outlives the payment deadline by this, so the order-expiry cron releases it (and records why), not the catalog's lapse sweep. */
export const ORDER_RESERVATION_GRACE_SECONDS = 60 * 60;
/** Escrow is released to the seller this many days after delivery unless the buyer confirmed or disputed first (time to unpack and check). */
export const ORDER_AUTO_RELEASE_DAYS = 7;
/** Orders expired or auto-released per cron pass, each in its own transaction: bounds one run; the next run takes the rest. */
export const ORDER_CRON_BATCH_SIZE = 100;
/** Delivery address fields: room for any real address, and bounds what we store and show. */
export const ADDRESS_NAME_MAX_LENGTH = 100;
export const ADDRESS_LINE_MAX_LENGTH = 200;
export const ADDRESS_CITY_MAX_LENGTH = 100;
export const POSTAL_CODE_MAX_LENGTH = 16; // the longest national formats are 10 characters
/** Shipping details the seller types in: a carrier's name and its tracking number (UPU S10 numbers are 13; some carriers use ~30). */
export const CARRIER_MAX_LENGTH = 64;
export const TRACKING_NUMBER_MAX_LENGTH = 64;
/** Disputes: a message an admin can read in one go, a few pieces of evidence each, and a bounded thread (the GET returns all of it). */
export const DISPUTE_MESSAGE_MAX_LENGTH = 5_000;
export const DISPUTE_EVIDENCE_MAX_ITEMS = 10;
export const DISPUTE_EVIDENCE_MAX_LENGTH = 2_000; // a long URL or a short statement
export const DISPUTE_MAX_MESSAGES = 200;
export const DISPUTE_NOTE_MAX_LENGTH = 2_000;
/** Why an order was cancelled: a line on its timeline, not a letter. */
export const ORDER_CANCEL_REASON_MAX_LENGTH = 500;

/** Card payments: Stripe accepts at most 8 digits of minor units per charge (USD 999,999.99); the sandbox keeps the same bound. */
export const CARD_PAYMENT_MAX_AMOUNT_MINOR = 99_999_999;
/** Payment method ids (Stripe pm_…, ~30 characters): room to spare, and a bound on what we store and send on. */
export const PAYMENT_METHOD_ID_MAX_LENGTH = 100;
/** Stripe calls: one retry of a failed connection (same idempotency key, so safe), and a bound on how long a request waits. */
export const STRIPE_MAX_NETWORK_RETRIES = 1;
export const STRIPE_TIMEOUT_MS = 15_000;
/** A signed webhook older than this is refused (Stripe's own default), so a captured delivery cannot be replayed later. */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;
/** SEPA allows 70 characters for an account holder's name. */
export const PAYOUT_HOLDER_NAME_MAX_LENGTH = 70;
/** FX: the platform's spread on conversions (0.5%, what consumer wallets typically charge at mid-market), and how long a quoted price holds. */
export const FX_SPREAD_BPS = 50;
export const FX_QUOTE_TTL_SECONDS = 60;
/** A card payment that succeeded but was never settled (the request died after the charge) is settled by cron after this long: far longer than any request takes. */
export const PAYMENT_RECONCILE_GRACE_SECONDS = 10 * 60;
/** Stranded payments settled per cron run, each in its own transaction; the next run takes the rest. */
export const PAYMENT_RECONCILE_BATCH_SIZE = 100;

/** Fraud scores run 0–100: from this a payment waits for an admin, from the block score it is refused outright. */
export const FRAUD_REVIEW_SCORE = 50;
export const FRAUD_BLOCK_SCORE = 80;
/** Velocity: payment attempts in a short window; a person pays a few times in 10 minutes, card-testing scripts pay dozens. */
export const FRAUD_VELOCITY_WINDOW_SECONDS = 10 * 60;
export const FRAUD_VELOCITY_MAX_PER_USER = 5;
export const FRAUD_VELOCITY_MAX_PER_IP = 10; // a household or office shares an IP, so more than per user
export const FRAUD_VELOCITY_MAX_PER_PAYMENT_METHOD = 5; // one card across many accounts is the card-testing pattern
/** New accounts: younger than a week they may move about USD 1,000 at once without extra points; five times that is far above. */
export const FRAUD_NEW_ACCOUNT_SECONDS = 7 * 24 * 60 * 60;
export const FRAUD_NEW_ACCOUNT_LIMIT_USD_MINOR = 100_000;
export const FRAUD_NEW_ACCOUNT_FAR_MULTIPLIER = 5;
/** History: with at least 3 allowed payments in a currency, one over 10× the largest stands out (fewer is not a pattern). */
export const FRAUD_HISTORY_MIN_PAYMENTS = 3;
export const FRAUD_HISTORY_MULTIPLIER = 10;
/** Allowed attempts read to learn a user's usual amounts: the most recent ones are what "usual" means. */
export const FRAUD_HISTORY_SAMPLE = 50;
/** Failed payments in a day: 3 is a typo streak at most, 6 is someone trying cards until one works. */
export const FRAUD_FAILED_PAYMENTS_WINDOW_SECONDS = 24 * 60 * 60;
export const FRAUD_FAILED_PAYMENTS_POINTS_FROM = 3;
export const FRAUD_FAILED_PAYMENTS_BLOCK_FROM = 6;
/** Buyer and seller on one IP: sessions and attempts this recent count (shill buying is arranged over days, not months). */
export const FRAUD_SHARED_IP_LOOKBACK_SECONDS = 30 * 24 * 60 * 60;
/** Recent sessions read per user for the shared-IP rule: bounds the query; a user rarely has more live devices. */
export const FRAUD_SHARED_IP_MAX_SESSIONS = 50;
/** Admin notes on a review decision: a sentence or two, bounded so the audit log stays small. */
export const FRAUD_REVIEW_NOTE_MAX_LENGTH = 1_000;

/**
 * Anchoring: leaves in one Merkle batch. Hashing them, building the tree and every proof takes about 0.5 ms of CPU per
 * leaf (measured in Node), so a full batch is ~2 s, well inside a cron run's 30 s CPU default with room for the reads and
 * writes around it; 2^12 keeps every proof at 12 hashes. Entries past it wait for the next batch.
 */
export const ANCHOR_BATCH_MAX_LEAVES = 4_096;
/** Text values in an anchored leaf (ids, account keys, currency): far above any real one, and it bounds what a proof file may carry. */
export const ANCHOR_LEAF_TEXT_MAX_LENGTH = 256;
/** One JSON-RPC call to the anchoring chain: a provider slower than this is treated as down, and the cron retries later. */
export const ANCHOR_RPC_TIMEOUT_MS = 10_000;
/** Waiting for the anchor transaction to be mined: Polygon makes a block every ~2 s; past this the batch stays "sent" and the next run checks the chain. */
export const ANCHOR_RECEIPT_TIMEOUT_MS = 20_000;
/** First retry delay after a failed send; doubles per attempt, so a brief RPC outage costs one cron tick or two. */
export const ANCHOR_RETRY_BASE_MS = 60_000;
/** Longest retry delay: an outage of hours is still retried hourly, so the job catches up soon after the chain returns. */
export const ANCHOR_RETRY_MAX_MS = 3_600_000;
/**
 * How far back the crash lookup searches for a batch's Anchored event when the block before its send is unknown: public
 * Polygon RPCs cap eth_getLogs ranges (often 10,000 blocks); 10,000 blocks is about 5.5 h at Polygon's ~2 s per block.
 */
export const ANCHOR_LOG_LOOKBACK_BLOCKS = 10_000;
/**
 * Only rows older than this are batched: the cursors advance by id/close time, so a posting still committing when the job
 * reads must not end up behind the cursor. A transaction here lasts milliseconds; a minute is ample and costs one cron tick.
 */
export const ANCHOR_SETTLE_MS = 60_000;

/** Crowdship offers and shipments (docs/crowdship.md). A delivery PIN's digits: a million PINs against 5 tries is a 1-in-200,000 guess. */
export const DELIVERY_PIN_DIGITS = 6;
/** A traveller's note on how they will pick the item up, and their message to the requester: a few sentences each. */
export const OFFER_PICKUP_PLAN_MAX_LENGTH = 500;
export const OFFER_MESSAGE_MAX_LENGTH = 1_000;
/** Offers listed on one request: more travellers than a requester will ever compare; bounds the query. */
export const OFFERS_PER_REQUEST_MAX_LISTED = 100;
/** "Couriers nearby": a city and its airport fit in 100 km; a wider search is a scrape of every courier's position. */
export const COURIERS_NEARBY_RADIUS_MAX_KM = 100;
/** Decimals kept of a nearby courier's coordinates: 2 is about 1 km, enough to see them on a map, not to find their door. */
export const COURIERS_NEARBY_COORDINATE_DECIMALS = 2;
/** Couriers listed around a point: a map shows a few dozen pins usefully; bounds the Redis search. */
export const COURIERS_NEARBY_MAX_ITEMS = 50;

/** Crowdship drop-off planning (workers/crowdship/route-plan.ts): 2-opt passes over the stops; each pass is O(stops²), and in practice it settles in a few. */
export const CROWDSHIP_ROUTE_PLAN_MAX_PASSES = 50;
/** Deliveries one drop-off plan orders: far more than a traveller's luggage holds; bounds a plan's cost to a few ms. */
export const CROWDSHIP_ROUTE_PLAN_MAX_STOPS = 100;

/** Crowdship trips and requests (workers/crowdship/trips-service.ts, requests-service.ts). Two checked bags of 23 kg: no traveller carries more. */
export const TRIP_MAX_CAPACITY_KG = 46;
/** Weights are kept to the gram: the API takes kilograms with at most 3 decimals. */
export const WEIGHT_KG_MAX_DECIMALS = 3;
/** A trip longer than this (overland with stops included) has no meaningful arrival time to match against. */
export const TRIP_MAX_DURATION_HOURS = 14 * 24;
/** Trips and deliver-by dates further ahead than this are guesses, and would sit in every match scan for a year. */
export const CROWDSHIP_MAX_DAYS_AHEAD = 365;
/** A traveller's notes, a request's item description and link, a place's city: a few sentences, a URL, a name. */
export const TRIP_NOTES_MAX_LENGTH = 1_000;
export const SHIPMENT_ITEM_TITLE_MAX_LENGTH = 120; // as a listing's title
export const SHIPMENT_ITEM_DESCRIPTION_MAX_LENGTH = 2_000;
export const SHIPMENT_ITEM_LINK_MAX_LENGTH = 2_048; // browsers' practical URL length
export const PLACE_CITY_MAX_LENGTH = 100;
/** Category slugs one trip lists: the catalog's top levels and then some; more is "anything", which is the empty list. */
export const TRIP_MAX_CATEGORIES = 20;
export const CATEGORY_SLUG_MAX_LENGTH = 64;
/** Default match radius around each endpoint when CROWDSHIP_MATCH_RADIUS_KM is unset: a city and its airport. */
export const DEFAULT_CROWDSHIP_MATCH_RADIUS_KM = 50;
/** Upper bound of that var: wider than a region, "nearby" stops meaning anything and every scan covers a country. */
export const CROWDSHIP_MATCH_RADIUS_MAX_KM = 500;
/** Matches listed for one request, and requests for one trip: more than anyone compares; bounds the scoring work. */
export const CROWDSHIP_MATCHES_MAX = 20;
/** Rows the SQL prefilter hands to the matcher: a busy route in a week; bounds memory and the scoring loop. */
export const CROWDSHIP_MATCH_CANDIDATES_MAX = 500;
/** Rows counted for a route's supply and demand: past this the quote's demand multiplier is at its bound anyway. */
export const CROWDSHIP_MARKET_SCAN_MAX = 500;
/** A new trip or request tells only its best few matches: more would be spam, not a useful nudge. */
export const CROWDSHIP_MATCH_NOTIFY_TOP = 3;
/** Admins told of a locked shipment: every admin, bounded (newest first) so a mistaken mass role grant cannot fan out without end. */
export const CROWDSHIP_ADMIN_NOTIFY_MAX = 200;

/** Crowdship: courier sessions (durable-objects/courier-session, docs/crowdship.md). A trace point is kept 100 m on from the last one (a street block: the route stays readable) … */
export const COURIER_TRACE_MIN_DISTANCE_M = 100;
/** … or a minute after it, so a courier standing still still leaves a point a minute (and the speed window sees them stop). */
export const COURIER_TRACE_MIN_INTERVAL_MS = 60_000;
/** Points a trace keeps before it halves itself: ~200 km at full detail, any trip's whole route at ~30 KB of storage. */
export const COURIER_TRACE_MAX_POINTS = 2_000;
/** Speed is measured over the last 5 minutes: long enough to ride out a red light, short enough to notice a landing. */
export const COURIER_SPEED_WINDOW_MS = 5 * 60_000;
/** Slower than this over the window is standing still (GPS drift alone stays below it); the ETA falls back to the plan. */
export const COURIER_MOVING_MIN_KMH = 2;
/** ETAs are given to the minute: finer is noise, and watchers get an `eta` message only when the minute changes. */
export const COURIER_ETA_ROUNDING_MS = 60_000;
/** "Departed" once 10 km from the pickup place: out of the pickup city's centre, not just round the corner. */
export const COURIER_ORIGIN_GEOFENCE_KM = 10;
/** "Arrived" within 30 km of the destination: the metro area with its airport (CDG 25 km from Paris, Heathrow 23 km from London). */
export const COURIER_DESTINATION_GEOFENCE_KM = 30;
/** "Out for delivery" within 5 km of the drop-off point: the last stretch across town. */
export const COURIER_OUT_FOR_DELIVERY_KM = 5;
/** The Redis geo index is written at most every 15 s per session: "nearby" needs no more, and Redis is spared one write a second per courier. */
export const COURIER_GEO_WRITE_INTERVAL_MS = 15_000;
/** A courier unseen for 10 minutes is not "nearby" any more (the app stopped, the phone is off). */
export const COURIER_ACTIVE_WINDOW_MS = 10 * 60_000;
/** Positions stamped up to 2 minutes ahead of the server clock are accepted (phone clocks drift); later ones are ignored. */
export const COURIER_POSITION_FUTURE_SKEW_MS = 2 * 60_000;
/** Wrong delivery PINs before the shipment locks (docs/crowdship.md): a guesser gets 5 in a million. */
export const COURIER_PIN_MAX_ATTEMPTS = 5;
/** Positions in one batch: ~8 minutes at one a second offline; a longer gap is sent in several batches. */
export const COURIER_POSITIONS_PER_BATCH_MAX = 500;
/** Sockets on one session: the traveller and the watchers on a few devices each; more is abuse. */
export const COURIER_WATCHERS_MAX = 20;
/** Reporting progress to Postgres is retried from the alarm after 1 s, doubling to at most 5 minutes while the database is away. */
export const COURIER_PROGRESS_RETRY_BASE_MS = 1_000;
export const COURIER_PROGRESS_RETRY_MAX_MS = 5 * 60_000;

/** Crowdship crons (workers/crowdship/crons.ts): rows moved per run; the cron runs every minute, so a backlog clears in minutes. */
export const CROWDSHIP_CRON_BATCH_SIZE = 100;
/** A trip completes this long after its arrival: a late flight or a delivery on the next morning still belongs to it. */
export const TRIP_COMPLETE_GRACE_HOURS = 24;
