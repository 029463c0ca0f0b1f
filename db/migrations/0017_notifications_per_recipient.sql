DROP INDEX "notifications_source_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_source_idx" ON "notifications" USING btree ("source_event_id","kind","user_id");