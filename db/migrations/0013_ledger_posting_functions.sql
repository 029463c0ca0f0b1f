-- The two statements of a ledger posting as plpgsql functions: Postgres caches their plans per connection, where the
-- same statements sent as text were planned again for every transfer (about as costly as running them). All rules
-- stay in workers/ledger (TypeScript); these only lock, read and write what they are given.

-- Creates the accounts that do not exist yet, then locks all of them in the order given (the caller sorts them by id),
-- and returns their balances and chain heads, and the transfer already posted under the reference, if any.
-- No deadlock between single-transfer transactions: each first inserts its missing accounts in that order (holding
-- only rows nobody else can see yet), then locks in that order. Existing accounts are only read and locked here, not
-- rewritten, so the UPDATE that follows is their one new row version per transfer.
CREATE OR REPLACE FUNCTION ledger_lock_accounts(
  p_account_ids text[], p_kinds text[], p_owner_ids text[], p_currencies text[], p_genesis_hash text, p_now timestamptz, p_reference text
) RETURNS TABLE (account_id text, account_kind text, balance_minor bigint, entry_count integer, last_entry_hash text, replay_of text) AS $$
#variable_conflict use_column
BEGIN
  INSERT INTO ledger_accounts (id, kind, owner_id, currency, last_entry_hash, created_at)
  SELECT wanted.id, wanted.kind, wanted.owner_id, wanted.currency, p_genesis_hash, p_now
  FROM unnest(p_account_ids, p_kinds, p_owner_ids, p_currencies) WITH ORDINALITY AS wanted (id, kind, owner_id, currency, position)
  -- Without this, the conflict check on an existing account would wait for whoever is updating its balance.
  WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts AS existing WHERE existing.id = wanted.id)
  ORDER BY wanted.position
  ON CONFLICT (id) DO NOTHING;
  -- A new statement, so a new snapshot: it sees accounts another transaction created while this one waited above.
  RETURN QUERY
  SELECT account.id, account.kind, account.balance_minor, account.entry_count, account.last_entry_hash,
         (SELECT transfer.id FROM ledger_transfers AS transfer WHERE transfer.reference = p_reference)
  FROM unnest(p_account_ids) WITH ORDINALITY AS wanted (id, position)
  JOIN ledger_accounts AS account ON account.id = wanted.id
  ORDER BY wanted.position
  FOR UPDATE OF account;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Inserts the transfer, its entries and the accounts' new balances and chain heads. Writes nothing and returns false
-- when the reference is already taken (a concurrent first posting committed while this one waited for the locks).
CREATE OR REPLACE FUNCTION ledger_write_transfer(
  p_transfer_id text, p_kind text, p_reference text, p_memo text, p_actor_id text, p_now timestamptz,
  p_entry_ids text[], p_account_ids text[], p_currencies text[], p_amounts_minor bigint[], p_balances_after_minor bigint[],
  p_account_seqs integer[], p_prev_hashes text[], p_hashes text[]
) RETURNS boolean AS $$
BEGIN
  INSERT INTO ledger_transfers (id, kind, reference, memo, actor_id, created_at)
  VALUES (p_transfer_id, p_kind, p_reference, p_memo, p_actor_id, p_now)
  ON CONFLICT (reference) DO NOTHING;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO ledger_entries (id, transfer_id, account_id, currency, amount_minor, balance_after_minor, account_seq, prev_hash, hash, created_at)
  SELECT entry.id, p_transfer_id, entry.account_id, entry.currency, entry.amount_minor, entry.balance_after_minor, entry.account_seq, entry.prev_hash, entry.hash, p_now
  FROM unnest(p_entry_ids, p_account_ids, p_currencies, p_amounts_minor, p_balances_after_minor, p_account_seqs, p_prev_hashes, p_hashes)
    AS entry (id, account_id, currency, amount_minor, balance_after_minor, account_seq, prev_hash, hash);
  UPDATE ledger_accounts AS account
  SET balance_minor = entry.balance_after_minor, entry_count = entry.account_seq, last_entry_hash = entry.hash
  FROM unnest(p_account_ids, p_balances_after_minor, p_account_seqs, p_hashes) AS entry (account_id, balance_after_minor, account_seq, hash)
  WHERE account.id = entry.account_id;
  RETURN true;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Room in each page for the balance updates' new row versions, so they stay heap-only (no index writes).
ALTER TABLE ledger_accounts SET (fillfactor = 80);
