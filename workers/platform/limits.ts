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
/** Bids one user may place per minute across all auctions: generous for a bidding war, fatal for a script. */
export const BIDS_PER_USER_PER_MINUTE = 30;
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
