CREATE TABLE "anchor_batches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "anchor_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"root" text NOT NULL,
	"leaf_count" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"tx_hash" text,
	"block_number" bigint,
	"chain_id" integer NOT NULL,
	"contract" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"ledger_cursor" text,
	"auction_cursor" text,
	"created_at" timestamp with time zone NOT NULL,
	"anchored_at" timestamp with time zone,
	CONSTRAINT "anchor_batches_leaf_count_positive" CHECK ("anchor_batches"."leaf_count" > 0),
	CONSTRAINT "anchor_batches_anchored_has_tx" CHECK ("anchor_batches"."status" <> 'anchored' OR ("anchor_batches"."tx_hash" IS NOT NULL AND "anchor_batches"."block_number" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "anchor_leaves" (
	"leaf_key" text PRIMARY KEY NOT NULL,
	"batch_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"leaf" jsonb NOT NULL,
	"leaf_hash" text NOT NULL,
	"proof" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "anchor_leaves" ADD CONSTRAINT "anchor_leaves_batch_id_anchor_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."anchor_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "anchor_batches_status_idx" ON "anchor_batches" USING btree ("status");--> statement-breakpoint
CREATE INDEX "anchor_leaves_batch_idx" ON "anchor_leaves" USING btree ("batch_id");