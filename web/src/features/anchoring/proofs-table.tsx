// Anchored proofs, one row each (what, amount, batch, transaction), with a Verify button that checks the row against the chain in this browser.
import { useState } from "react";
import type { AnchorProof } from "../../api/types";
import { formatMoney } from "../catalog/money";
import type { Verdict } from "./check-on-chain";
import { proofSubject, shortHash } from "./proof-rules";

interface ProofsTableProps {
  proofs: readonly AnchorProof[];
  // Null: the platform names no public RPC, so there is nothing to verify against from here.
  rpcUrl: string | null;
  label: string;
}

export function ProofsTable({ proofs, rpcUrl, label }: ProofsTableProps) {
  return (
    <>
      <table className="table proofs-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Entry</th>
            <th scope="col" className="numeric">
              Amount
            </th>
            <th scope="col">Batch</th>
            <th scope="col">Transaction</th>
            <th scope="col">On chain</th>
          </tr>
        </thead>
        <tbody>
          {proofs.map((proof) => (
            <ProofRow key={proof.leafHash} proof={proof} rpcUrl={rpcUrl} />
          ))}
        </tbody>
      </table>
      {rpcUrl === null && <p className="muted">Verifying in the browser needs a public RPC URL for this chain, and this platform has none set (PUBLIC_CHAIN_RPC_URL).</p>}
    </>
  );
}

function ProofRow({ proof, rpcUrl }: { proof: AnchorProof; rpcUrl: string | null }) {
  const { what, amount } = proofSubject(proof);
  return (
    <tr className="proof-row">
      <th scope="row">{what}</th>
      <td className="numeric">{amount === null ? "—" : formatMoney(amount)}</td>
      <td>
        {proof.batch.id} <span className="muted">({proof.batch.leafCount} leaves)</span>
      </td>
      <td>
        <code title={proof.chain?.transactionHash}>{proof.chain === null ? "—" : shortHash(proof.chain.transactionHash)}</code>
      </td>
      <td>{rpcUrl === null ? <span className="muted">Not checkable here</span> : <VerifyCell proof={proof} rpcUrl={rpcUrl} label={what} />}</td>
    </tr>
  );
}

type Check = { status: "idle" } | { status: "checking" } | ({ status: "done" } & Verdict) | { status: "unavailable" };

function VerifyCell({ proof, rpcUrl, label }: { proof: AnchorProof; rpcUrl: string; label: string }) {
  const [check, setCheck] = useState<Check>({ status: "idle" });
  async function verify() {
    setCheck({ status: "checking" });
    try {
      const { verifyOnChain } = await import("./check-on-chain");
      setCheck({ status: "done", ...(await verifyOnChain(proof, rpcUrl)) });
    } catch {
      // verifyOnChain reports every failure as a verdict: only loading the checker itself can fail here.
      setCheck({ status: "unavailable" });
    }
  }
  return (
    <div className="verify-cell">
      <button type="button" className="button button-secondary button-small" onClick={() => void verify()} disabled={check.status === "checking"} aria-label={`Verify on chain: ${label}`}>
        {check.status === "checking" ? "Verifying…" : check.status === "done" ? "Verify again" : "Verify on chain"}
      </button>
      <span role="status" className={check.status === "done" ? (check.verified ? "verify-ok" : "verify-fail") : undefined}>
        {check.status === "done" && (check.verified ? `✓ Verified in block ${check.blockNumber}` : `✗ Not verified: ${check.reason}`)}
        {check.status === "unavailable" && "✗ The checker could not be loaded. Reload the page and try again."}
      </span>
    </div>
  );
}
