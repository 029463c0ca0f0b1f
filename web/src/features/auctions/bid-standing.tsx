// Where the viewer stands while bidding is open: in front, or outbid and invited to bid again.
import { formatMoney } from "../catalog/money";
import type { Standing } from "./auction-room-state";
import type { MyBidMemory } from "./my-bid-storage";

export function BidStanding({ standing, mine }: { standing: Standing; mine: MyBidMemory | null }) {
  if (standing === "leading") {
    return (
      <p className="standing standing-leading">
        <strong>You're the highest bidder</strong>
        <span>{mine?.maxAmount ? `We bid for you, only as much as needed, up to your maximum of ${formatMoney(mine.maxAmount)}.` : "We bid for you, only as much as needed, up to your maximum."}</span>
      </p>
    );
  }
  if (standing === "outbid") {
    return (
      <p className="standing standing-outbid">
        <strong>You've been outbid</strong>
        <span>{mine?.maxAmount ? `Another bidder's maximum beats your ${formatMoney(mine.maxAmount)}.` : "Another bidder's maximum beats yours."} Bid again to get back in front.</span>
      </p>
    );
  }
  return null;
}
