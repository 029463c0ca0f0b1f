// Buy It Now on an auction: a confirm step (it ends the auction), then the purchase, then the order's checkout.
import { useId, useState } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "../../api/api-error";
import type { AuctionState, Money } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { errorMessage } from "../../components/error-message";
import { formatMoney } from "../catalog/money";

interface BuyItNowProps {
  listingId: string;
  price: Money;
  onBought: (auction: AuctionState) => void;
  // It was gone (a bid came first, or the auction ended): the caller refreshes the state.
  onUnavailable: () => void;
}

export function BuyItNow({ listingId, price, onBought, onUnavailable }: BuyItNowProps) {
  const textId = useId();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  async function buy(): Promise<void> {
    setPending(true);
    setAlert(null);
    try {
      const order = await api.buyItNow(listingId);
      onBought(order.auction);
      navigate(`/orders/${encodeURIComponent(order.id)}/checkout`);
    } catch (error) {
      setConfirming(false);
      if (error instanceof ApiError && (error.code === "BUY_NOW_UNAVAILABLE" || error.code === "AUCTION_CLOSED")) {
        setAlert(error.code === "AUCTION_CLOSED" ? "This auction has ended." : "Buy It Now is no longer available: a bid came in first.");
        onUnavailable();
      } else {
        setAlert(errorMessage(error));
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="buy-it-now">
      <ErrorAlert message={alert} />
      {confirming ? (
        <div className="confirm confirm-buy" role="group" aria-labelledby={textId}>
          <p id={textId}>
            Buy it now for <strong>{formatMoney(price)}</strong>? The auction ends at once and the item is yours; checkout opens next.
          </p>
          <div className="actions">
            <button type="button" className="button button-primary" onClick={() => void buy()} disabled={pending} aria-busy={pending} autoFocus>
              {pending ? "Buying…" : "Yes, buy it"}
            </button>
            <button type="button" className="button button-link" onClick={() => setConfirming(false)} disabled={pending}>
              Keep bidding
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button-secondary buy-now-button" onClick={() => setConfirming(true)}>
          Buy It Now for {formatMoney(price)}
        </button>
      )}
    </div>
  );
}
