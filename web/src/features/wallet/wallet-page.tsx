// The wallet: balances per currency, adding money by card, converting between currencies, withdrawing, and the statement.
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../app/api";
import { LoadError } from "../../components/load-error";
import { useApiData } from "../../components/use-api-data";
import { defaultCurrency } from "../catalog/money";
import { BalancesTable } from "./balances-table";
import { ConvertForm } from "./convert-form";
import { DepositForm } from "./deposit-form";
import { StatementSection } from "./statement-section";
import { WithdrawSection } from "./withdraw-section";

export function WalletPage() {
  const wallet = useApiData((signal) => api.wallet(signal), []);
  const config = useApiData((signal) => api.paymentsConfig(signal), []);
  const [notice, setNotice] = useState("");
  // Bumped after each money movement so the statement reloads along with the balances.
  const [version, setVersion] = useState(0);

  function moved(message: string): void {
    setNotice(message);
    setVersion((count) => count + 1);
    wallet.reload();
  }

  const balances = wallet.state.data?.balances ?? null;
  const mainCurrency = balances?.[0]?.currency ?? defaultCurrency;
  return (
    <div className="wallet">
      <title>Your wallet · Mnbara</title>
      <header className="page-header page-header-row">
        <h1>Your wallet</h1>
        <Link to="/me/orders" className="button button-secondary">
          Your orders
        </Link>
      </header>
      <p className="notice" role="status">
        {notice}
      </p>
      <section className="card" aria-labelledby="balances-title">
        <h2 id="balances-title">Balances</h2>
        {balances === null ? (
          wallet.state.status === "error" ? (
            <LoadError message={wallet.state.message} onRetry={wallet.reload} />
          ) : (
            <p className="loading" role="status">
              Loading your balances…
            </p>
          )
        ) : (
          <div className={wallet.state.status === "loading" ? "is-stale" : ""}>
            <BalancesTable balances={balances} />
            <p className="muted">Money in escrow is waiting for buyers to confirm delivery; it moves to available when they do.</p>
          </div>
        )}
      </section>
      {balances !== null && (
        <div className="wallet-actions">
          <section className="card" aria-labelledby="deposit-title">
            <h2 id="deposit-title">Add money</h2>
            {config.state.data === null ? (
              config.state.status === "error" ? (
                <LoadError message={config.state.message} onRetry={config.reload} />
              ) : (
                <p className="loading" role="status">
                  Loading payment options…
                </p>
              )
            ) : (
              <DepositForm config={config.state.data} defaultCurrency={mainCurrency} onDeposited={moved} />
            )}
          </section>
          <section className="card" aria-labelledby="convert-title">
            <h2 id="convert-title">Convert</h2>
            <ConvertForm defaultCurrency={mainCurrency} onConverted={moved} />
          </section>
          <section className="card" aria-labelledby="withdraw-title">
            <h2 id="withdraw-title">Withdraw</h2>
            {config.state.data !== null && <WithdrawSection provider={config.state.data.provider} defaultCurrency={mainCurrency} onWithdrawn={moved} />}
          </section>
        </div>
      )}
      {balances !== null && (
        <section className="card" aria-labelledby="statement-title">
          <h2 id="statement-title">Statement</h2>
          <StatementSection currencies={balances.map((balance) => balance.currency)} version={version} />
        </section>
      )}
    </div>
  );
}
