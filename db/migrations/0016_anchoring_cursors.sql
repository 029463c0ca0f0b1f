ALTER TABLE "auction_results" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL;--> statement-breakpoint
ALTER TABLE "anchor_batches" ADD COLUMN "sent_from_block" bigint;--> statement-breakpoint
-- Rows written before this column existed keep their old cursor position: closed_at, which the cursor followed until now.
UPDATE "auction_results" SET "recorded_at" = "closed_at";
