// How a finished auction turned out, told to whoever is looking: the winner, the seller, another bidder or a visitor.
import { Link } from "react-router";
import type { AuctionState } from "../../api/types";
import { formatMoney } from "../catalog/money";
import { outcomeText, type Standing } from "./auction-room-state";
import type { MyBidMemory } from "./my-bid-storage";

interface AuctionOutcomeProps {
  auction: AuctionState;
  // False between the end time and the room confirming who won.
  settled: boolean;
  standing: Standing;
  mine: MyBidMemory | null;
  isSeller: boolean;
  boughtByMe: boolean;
}


export function AuctionOutcome({ auction, settled, standing, mine, isSeller, boughtByMe }: AuctionOutcomeProps) {
  if (!settled) {
    return (
      <div className="outcome">
        <p className="outcome-title">Bidding has ended</p>
        <p>Confirming the result…</p>
      </div>
    );
  }
  const price = auction.finalPrice ?? auction.currentPrice;
  if (standing === "won") {
    return (
      <div className="outcome outcome-won">
        <p className="outcome-title">{boughtByMe ? `You bought it for ${formatMoney(price)}` : `You won — for ${formatMoney(price)}`}</p>
        <p>
          Your order is waiting for payment in <Link to="/me/orders">Your orders</Link> (it can take a moment to appear).
        </p>
      </div>
    );
  }
  const sold = auction.winnerAlias !== null && auction.winnerAlias !== undefined && auction.finalPrice !== null && auction.finalPrice !== undefined;
  return (
    <div className={`outcome ${sold ? "outcome-sold" : "outcome-unsold"}`}>
      <p className="outcome-title">{outcomeText(auction, mine)}</p>
      {standing === "lost" && <p>You did not win this one.</p>}
      {isSeller && sold && (
        <p>
          The buyer pays at checkout; follow the order in <Link to="/me/orders?role=seller">Your orders</Link>.
        </p>
      )}
      {isSeller && !sold && <p>The item did not sell. You can list it again from the sell page.</p>}
    </div>
  );
}
