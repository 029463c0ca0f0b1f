-- Ledger integrity the database enforces by itself: entries and transfers are append-only, and every transfer balances.
CREATE OR REPLACE FUNCTION refuse_ledger_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only
  BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate
  BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transfers_append_only
  BEFORE UPDATE OR DELETE ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transfers_no_truncate
  BEFORE TRUNCATE ON ledger_transfers
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();
--> statement-breakpoint
-- A transfer needs at least two entries and, per currency, entries summing to zero.
CREATE OR REPLACE FUNCTION ledger_assert_transfer_balanced(checked_transfer text) RETURNS void AS $$
DECLARE
  entry_total integer;
  unbalanced_currency text;
BEGIN
  SELECT count(*) INTO entry_total FROM ledger_entries WHERE transfer_id = checked_transfer;
  IF entry_total < 2 THEN
    RAISE EXCEPTION 'ledger transfer % has % entries; a transfer needs at least 2', checked_transfer, entry_total USING ERRCODE = 'check_violation';
  END IF;
  SELECT currency INTO unbalanced_currency FROM ledger_entries WHERE transfer_id = checked_transfer GROUP BY currency HAVING sum(amount_minor) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transfer % does not sum to zero in %', checked_transfer, unbalanced_currency USING ERRCODE = 'check_violation';
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_check_entry_transfer() RETURNS trigger AS $$
BEGIN
  PERFORM ledger_assert_transfer_balanced(NEW.transfer_id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_check_new_transfer() RETURNS trigger AS $$
BEGIN
  PERFORM ledger_assert_transfer_balanced(NEW.id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Deferred to commit, so a transfer's entries can be written in any number of statements before they must balance.
CREATE CONSTRAINT TRIGGER ledger_entries_balanced
  AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_transfer();
--> statement-breakpoint
-- Also on the transfer row itself: a transfer with no entries at all never fires the entries' trigger.
CREATE CONSTRAINT TRIGGER ledger_transfers_balanced
  AFTER INSERT ON ledger_transfers
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_check_new_transfer();
