CREATE TABLE "shipment_offers" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"trip_id" text NOT NULL,
	"traveler_id" text NOT NULL,
	"price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"pickup_plan" text,
	"message" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipment_offers_price_positive" CHECK ("shipment_offers"."price_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "shipment_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"requester_id" text NOT NULL,
	"order_id" text,
	"item" jsonb NOT NULL,
	"weight_grams" integer NOT NULL,
	"currency" text NOT NULL,
	"item_value_minor" bigint NOT NULL,
	"reward_minor" bigint,
	"quote_minor" bigint NOT NULL,
	"from_place" jsonb NOT NULL,
	"to_place" jsonb NOT NULL,
	"ready_at" timestamp with time zone NOT NULL,
	"deliver_by" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipment_requests_weight_positive" CHECK ("shipment_requests"."weight_grams" > 0),
	CONSTRAINT "shipment_requests_value_nonnegative" CHECK ("shipment_requests"."item_value_minor" >= 0),
	CONSTRAINT "shipment_requests_reward_positive" CHECK ("shipment_requests"."reward_minor" IS NULL OR "shipment_requests"."reward_minor" > 0),
	CONSTRAINT "shipment_requests_deliver_after_ready" CHECK ("shipment_requests"."deliver_by" > "shipment_requests"."ready_at")
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"offer_id" text NOT NULL,
	"trip_id" text NOT NULL,
	"traveler_id" text NOT NULL,
	"requester_id" text NOT NULL,
	"order_id" text,
	"seller_id" text,
	"weight_grams" integer NOT NULL,
	"currency" text NOT NULL,
	"reward_minor" bigint NOT NULL,
	"pin_hash" text NOT NULL,
	"from_place" jsonb NOT NULL,
	"to_place" jsonb NOT NULL,
	"deliver_by" timestamp with time zone NOT NULL,
	"planned_arrive_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'accepted' NOT NULL,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"delivered_at" timestamp with time zone,
	"rating" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipments_reward_positive" CHECK ("shipments"."reward_minor" > 0),
	CONSTRAINT "shipments_rating_range" CHECK ("shipments"."rating" IS NULL OR "shipments"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "trips" (
	"id" text PRIMARY KEY NOT NULL,
	"traveler_id" text NOT NULL,
	"from_place" jsonb NOT NULL,
	"to_place" jsonb NOT NULL,
	"depart_at" timestamp with time zone NOT NULL,
	"arrive_at" timestamp with time zone NOT NULL,
	"capacity_grams" integer NOT NULL,
	"reserved_grams" integer DEFAULT 0 NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trips_capacity_positive" CHECK ("trips"."capacity_grams" > 0),
	CONSTRAINT "trips_reserved_within_capacity" CHECK ("trips"."reserved_grams" >= 0 AND "trips"."reserved_grams" <= "trips"."capacity_grams"),
	CONSTRAINT "trips_arrive_after_depart" CHECK ("trips"."arrive_at" > "trips"."depart_at")
);
--> statement-breakpoint
CREATE INDEX "shipment_offers_request_idx" ON "shipment_offers" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "shipment_offers_traveler_idx" ON "shipment_offers" USING btree ("traveler_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shipment_offers_open_idx" ON "shipment_offers" USING btree ("request_id","trip_id") WHERE "shipment_offers"."status" = 'open';--> statement-breakpoint
CREATE INDEX "shipment_requests_requester_idx" ON "shipment_requests" USING btree ("requester_id","created_at");--> statement-breakpoint
CREATE INDEX "shipment_requests_open_idx" ON "shipment_requests" USING btree ("status","deliver_by");--> statement-breakpoint
CREATE UNIQUE INDEX "shipment_requests_order_idx" ON "shipment_requests" USING btree ("order_id") WHERE "shipment_requests"."order_id" IS NOT NULL AND "shipment_requests"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_request_idx" ON "shipments" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "shipments_traveler_idx" ON "shipments" USING btree ("traveler_id","created_at");--> statement-breakpoint
CREATE INDEX "shipments_requester_idx" ON "shipments" USING btree ("requester_id","created_at");--> statement-breakpoint
CREATE INDEX "shipments_trip_idx" ON "shipments" USING btree ("trip_id");--> statement-breakpoint
CREATE INDEX "trips_traveler_idx" ON "trips" USING btree ("traveler_id","depart_at");--> statement-breakpoint
CREATE INDEX "trips_open_window_idx" ON "trips" USING btree ("status","depart_at");