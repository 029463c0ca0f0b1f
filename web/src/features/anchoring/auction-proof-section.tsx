// A closed auction's on-chain proof: its result and bid-log head, anchored in a Merkle root anyone can check (404 until anchored).
import { ApiError } from "../../api/api-error";
import { api } from "../../app/api";
import { LoadError } from "../../components/load-error";
import { useApiData } from "../../components/use-api-data";
import { ProofsTable } from "./proofs-table";

export function AuctionProofSection({ listingId }: { listingId: string }) {
  const { state, reload } = useApiData(async (signal) => {
    const config = await api.anchoringConfig(signal);
    if (config.status === "off") return null;
    const proof = await api.auctionProof(listingId, signal).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    });
    return { rpcUrl: config.rpcUrl, proof };
  }, [listingId]);
  if (state.status === "error" && state.data === null) return <LoadError message={`The on-chain proof could not be loaded. ${state.message}`} onRetry={reload} />;
  const loaded = state.data;
  if (loaded === null) return null;
  return (
    <section className="auction-proof" aria-labelledby="auction-proof-title">
      <h3 id="auction-proof-title">On-chain proof</h3>
      {loaded.proof === null ? (
        <p className="proofs-pending">
          The result is not anchored yet: the next anchoring run (about a minute) adds it.{" "}
          <button type="button" className="button button-secondary button-small" onClick={reload} disabled={state.status === "loading"}>
            Check again
          </button>
        </p>
      ) : (
        <ProofsTable proofs={[loaded.proof]} rpcUrl={loaded.rpcUrl} label="On-chain proof of this auction" />
      )}
    </section>
  );
}
