// The wallet's balances, one row per currency: what can be spent now, and what sits in escrow for orders not yet delivered.
import type { WalletBalance } from "../../api/types";
import { formatMoney } from "../catalog/money";

export function BalancesTable({ balances }: { balances: readonly WalletBalance[] }) {
  if (balances.length === 0) return <p className="muted">Your wallet is empty. Add money below, or sell something.</p>;
  return (
    <table className="table balances-table" aria-label="Balances">
      <thead>
        <tr>
          <th scope="col">Currency</th>
          <th scope="col" className="numeric">
            Available
          </th>
          <th scope="col" className="numeric">
            In escrow
          </th>
        </tr>
      </thead>
      <tbody>
        {balances.map((balance) => (
          <tr key={balance.currency}>
            <th scope="row">{balance.currency}</th>
            <td className="numeric">{formatMoney(balance.available)}</td>
            <td className="numeric">{formatMoney(balance.held)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
