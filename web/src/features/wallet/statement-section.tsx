// The wallet statement for one currency and account: every entry newest first with the balance after it, paged.
import { useState } from "react";
import type { StatementEntry, WalletAccount } from "../../api/types";
import { api } from "../../app/api";
import { LoadError } from "../../components/load-error";
import { LoadMore } from "../../components/load-more";
import { SelectField } from "../../components/select-field";
import { usePagedData } from "../../components/use-paged-data";
import { formatMoney } from "../catalog/money";
import { formatDateTime } from "../catalog/time-left";
import { statementKindLabel } from "./wallet-rules";

const pageSize = 20;

interface StatementSectionProps {
  // The currencies the wallet holds; the statement starts with the first.
  currencies: readonly string[];
  // Changes whenever money moved, so the statement reloads with the balances.
  version: number;
}

export function StatementSection({ currencies, version }: StatementSectionProps) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [account, setAccount] = useState<WalletAccount>("available");
  const currency = chosen !== null && currencies.includes(chosen) ? chosen : (currencies[0] ?? null);
  if (currency === null) return <p className="muted">No money has moved through your wallet yet.</p>;
  return (
    <>
      <div className="field-row statement-filters">
        <SelectField label="Statement currency" name="statementCurrency" value={currency} onChange={(event) => setChosen(event.target.value)}>
          {currencies.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
        <SelectField label="Account" name="statementAccount" value={account} onChange={(event) => setAccount(event.target.value as WalletAccount)}>
          <option value="available">Available</option>
          <option value="held">In escrow</option>
        </SelectField>
      </div>
      <StatementTable currency={currency} account={account} version={version} />
    </>
  );
}

function StatementTable({ currency, account, version }: { currency: string; account: WalletAccount; version: number }) {
  const list = usePagedData(
    (cursor, signal) => api.statement({ currency, account, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) }, signal),
    [currency, account, version],
  );
  if (list.first.status === "error" && list.first.data === null) return <LoadError message={list.first.message} onRetry={list.reload} />;
  if (list.first.data === null) {
    return (
      <p className="loading" role="status">
        Loading the statement…
      </p>
    );
  }
  if (list.items.length === 0) return <p className="muted">No entries in this account yet.</p>;
  const refreshing = list.first.status === "loading";
  return (
    <>
      <table className={`table statement-table ${refreshing ? "is-stale" : ""}`} aria-label={`Statement, ${currency} ${account === "held" ? "in escrow" : "available"}`} aria-busy={refreshing}>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Description</th>
            <th scope="col" className="numeric">
              Amount
            </th>
            <th scope="col" className="numeric">
              Balance
            </th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((entry) => (
            <StatementRow key={entry.entryId} entry={entry} />
          ))}
        </tbody>
      </table>
      <LoadMore
        hasMore={list.nextCursor !== null && !refreshing}
        more={list.more}
        onLoadMore={() => void list.loadMore()}
        summary={list.nextCursor === null ? `Showing all ${list.items.length} entries.` : `Showing ${list.items.length} entries.`}
      />
    </>
  );
}

function StatementRow({ entry }: { entry: StatementEntry }) {
  const incoming = entry.amount.amount > 0;
  return (
    <tr>
      <td>
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </td>
      <td>{statementKindLabel(entry.kind)}</td>
      <td className={`numeric ${incoming ? "amount-in" : "amount-out"}`}>
        {incoming ? "+" : ""}
        {formatMoney(entry.amount)}
      </td>
      <td className="numeric">{formatMoney(entry.balanceAfter)}</td>
    </tr>
  );
}
