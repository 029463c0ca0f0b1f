// The order page's on-chain proofs: the caller's escrow ledger entries of this order, each verifiable against the anchor contract.
import { api } from "../../app/api";
import { LoadError } from "../../components/load-error";
import { useApiData } from "../../components/use-api-data";
import { ProofsTable } from "./proofs-table";

// `status` reloads the proofs when the order moves on (paying, releasing and refunding each write entries).
export function OrderProofsSection({ orderId, status }: { orderId: string; status: string }) {
  const { state, reload } = useApiData(async (signal) => {
    const config = await api.anchoringConfig(signal);
    return config.status === "off" ? null : { rpcUrl: config.rpcUrl, proofs: await api.orderProofs(orderId, signal) };
  }, [orderId, status]);
  if (state.status === "error" && state.data === null) return <LoadError message={`On-chain proofs could not be loaded. ${state.message}`} onRetry={reload} />;
  const loaded = state.data;
  // Anchoring is off here, or no money of this order has moved yet.
  if (loaded === null || (loaded.proofs.items.length === 0 && loaded.proofs.pending === 0)) return null;
  const { items, pending } = loaded.proofs;
  return (
    <section className="card" aria-labelledby="order-proofs-title">
      <h2 id="order-proofs-title">On-chain proofs</h2>
      <p className="muted">Each movement of this order's money is anchored in a Merkle root on a public chain. Verify checks it from your browser, without trusting Mnbara.</p>
      {items.length > 0 && <ProofsTable proofs={items} rpcUrl={loaded.rpcUrl} label="On-chain proofs of this order" />}
      {pending > 0 && (
        <p className="proofs-pending">
          {pending === 1 ? "1 entry is" : `${pending} entries are`} not anchored yet: the next anchoring run (about a minute) adds {pending === 1 ? "it" : "them"}.{" "}
          <button type="button" className="button button-secondary button-small" onClick={reload} disabled={state.status === "loading"}>
            Check again
          </button>
        </p>
      )}
    </section>
  );
}
