-- The deferred balance check runs for every entry and transfer at commit: one scan of the transfer's entries instead of two.
CREATE OR REPLACE FUNCTION ledger_assert_transfer_balanced(checked_transfer text) RETURNS void AS $$
DECLARE
  entry_total integer;
  unbalanced_currency text;
BEGIN
  SELECT coalesce(sum(per_currency.entries), 0), min(per_currency.currency) FILTER (WHERE per_currency.total <> 0)
    INTO entry_total, unbalanced_currency
    FROM (SELECT currency, count(*) AS entries, sum(amount_minor) AS total FROM ledger_entries WHERE transfer_id = checked_transfer GROUP BY currency) AS per_currency;
  IF entry_total < 2 THEN
    RAISE EXCEPTION 'ledger transfer % has % entries; a transfer needs at least 2', checked_transfer, entry_total USING ERRCODE = 'check_violation';
  END IF;
  IF unbalanced_currency IS NOT NULL THEN
    RAISE EXCEPTION 'ledger transfer % does not sum to zero in %', checked_transfer, unbalanced_currency USING ERRCODE = 'check_violation';
  END IF;
END;
$$ LANGUAGE plpgsql;
