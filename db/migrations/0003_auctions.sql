CREATE TABLE "auction_bids" (
	"listing_id" text NOT NULL,
	"seq" integer NOT NULL,
	"bidder_id" text NOT NULL,
	"bidder_alias" text NOT NULL,
	"max_minor" bigint NOT NULL,
	"price_after_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"leader_id_after" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "auction_bids_listing_id_seq_pk" PRIMARY KEY("listing_id","seq")
);
--> statement-breakpoint
CREATE TABLE "auction_results" (
	"listing_id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"winner_id" text,
	"final_price_minor" bigint,
	"currency" text NOT NULL,
	"reserve_met" boolean NOT NULL,
	"bid_count" integer NOT NULL,
	"head_hash" text NOT NULL,
	"reason" text NOT NULL,
	"closed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auction_states" (
	"listing_id" text PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"current_price_minor" bigint NOT NULL,
	"bid_count" integer NOT NULL,
	"leader_id" text,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"last_seq" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "auction_bids_bidder_idx" ON "auction_bids" USING btree ("bidder_id","at");