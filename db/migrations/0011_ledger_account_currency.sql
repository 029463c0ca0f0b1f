-- Ledger: entries match their account's currency by a CHECK on the key suffix instead of a second unique index, which raced with ON CONFLICT (id) when two transactions created the same account.
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_account_fk";
--> statement-breakpoint
DROP INDEX "ledger_accounts_id_currency_idx";--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_key_currency" CHECK (right("ledger_accounts"."id", 4) = ':' || "ledger_accounts"."currency");--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_account_currency" CHECK (right("ledger_entries"."account_id", 4) = ':' || "ledger_entries"."currency");