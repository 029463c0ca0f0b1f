// The bid form: one maximum, read exactly from its decimal text; the room bids for the viewer up to it (proxy bidding).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError } from "../../api/api-error";
import { newIdempotencyKey } from "../../api/idempotency-key";
import type { AuctionState, BidResult, Money } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { errorMessage } from "../../components/error-message";
import { placeFieldErrors } from "../../components/place-field-errors";
import { SubmitButton } from "../../components/submit-button";
import { TextField } from "../../components/text-field";
import { formatMoney, parseAmount } from "../catalog/money";
import type { Standing } from "./auction-room-state";
import type { MyBidMemory } from "./my-bid-storage";

interface BidFormProps {
  listingId: string;
  auction: AuctionState;
  standing: Standing;
  mine: MyBidMemory | null;
  onBid: (result: BidResult, maxAmount: Money) => void;
  // The server said the minimum is higher than the page knew.
  onMinimumRaised: (minNextBid: Money) => void;
  // The server says the auction is over before the page heard it.
  onEnded: () => void;
}

// Codes after which the same bid may safely be sent again with the same key: the server may or may not have taken it.
const isUncertain = (error: unknown) => error instanceof ApiError && (error.status === 0 || error.status >= 500);

export function BidForm({ listingId, auction, standing, mine, onBid, onMinimumRaised, onEnded }: BidFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const [amount, setAmount] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [failedAttempts, setFailedAttempts] = useState(0);
  // The key of a bid whose answer never came: retrying that same amount reuses it, so the bid is placed at most once.
  const unanswered = useRef<{ maxAmount: Money; key: string } | null>(null);
  const currency = auction.minNextBid.currency;
  const leading = standing === "leading";

  // After a failed attempt, move focus to the field to fix, or else to the alert.
  useEffect(() => {
    if (failedAttempts === 0) return;
    const form = formRef.current;
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  }, [failedAttempts]);

  function fail(nextFieldError: string | undefined, nextAlert: string | null): void {
    setFieldError(nextFieldError);
    setAlert(nextAlert);
    setFailedAttempts((count) => count + 1);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    // Only the form is checked here; the minimum moves with every bid, so the server, which knows it now, judges that.
    const parsed = parseAmount(amount, currency);
    if (!parsed.ok) return fail(amount.trim() === "" ? "Enter your maximum bid." : parsed.message, null);
    if (parsed.amountMinor === 0) return fail("Enter an amount above zero.", null);
    const maxAmount: Money = { amount: parsed.amountMinor, currency };
    const previous = unanswered.current;
    const key = previous !== null && previous.maxAmount.amount === maxAmount.amount && previous.maxAmount.currency === currency ? previous.key : newIdempotencyKey();

    setPending(true);
    setFieldError(undefined);
    setAlert(null);
    try {
      const result = await api.placeBid(listingId, { maxAmount }, key);
      unanswered.current = null;
      setAmount("");
      onBid(result, maxAmount);
    } catch (error) {
      unanswered.current = isUncertain(error) ? { maxAmount, key } : null;
      const problem = describeFailure(error, { leading, mine, fallbackMinimum: auction.minNextBid });
      if (problem.minimum !== null) onMinimumRaised(problem.minimum);
      if (problem.ended) onEnded();
      fail(problem.field, problem.alert);
    } finally {
      setPending(false);
    }
  }

  const hint = leading
    ? mine?.maxAmount
      ? `To raise your maximum, enter more than ${formatMoney(mine.maxAmount)} (in ${currency}).`
      : `To raise your maximum, enter a higher one (in ${currency}).`
    : `Enter ${formatMoney(auction.minNextBid)} or more (in ${currency}). We bid for you, only as much as needed, up to your maximum.`;

  return (
    <form ref={formRef} onSubmit={(event) => void onSubmit(event)} noValidate className="bid-form" aria-label="Place a bid">
      <ErrorAlert message={alert} />
      <TextField
        label="Your maximum bid"
        name="maxAmount"
        inputMode="decimal"
        autoComplete="off"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
        required
        hint={hint}
        error={fieldError}
      />
      <SubmitButton pending={pending} pendingLabel="Placing bid…">
        {leading ? "Raise maximum" : "Place bid"}
      </SubmitButton>
    </form>
  );
}

interface Failure {
  field: string | undefined;
  alert: string | null;
  minimum: Money | null;
  ended: boolean;
}

function describeFailure(error: unknown, context: { leading: boolean; mine: MyBidMemory | null; fallbackMinimum: Money }): Failure {
  const none: Failure = { field: undefined, alert: null, minimum: null, ended: false };
  if (!(error instanceof ApiError)) return { ...none, alert: errorMessage(error) };
  switch (error.code) {
    case "BID_TOO_LOW": {
      if (context.leading) {
        const current = context.mine?.maxAmount;
        return { ...none, field: current ? `You already lead with a maximum of ${formatMoney(current)}: enter more than that to raise it.` : "You already lead: enter more than your current maximum to raise it." };
      }
      const minimum = readMoney(error.extensions.minNextBid) ?? context.fallbackMinimum;
      return { ...none, field: `Bid at least ${formatMoney(minimum)}: that is the minimum now.`, minimum };
    }
    case "WRONG_CURRENCY":
      return { ...none, field: errorMessage(error) };
    case "AUCTION_CLOSED":
      return { ...none, alert: "This auction has ended, so it takes no more bids.", ended: true };
    default: {
      const placed = placeFieldErrors(error, ["maxAmount"]);
      return { ...none, field: placed.fieldErrors.maxAmount, alert: placed.alert };
    }
  }
}

function readMoney(value: unknown): Money | null {
  if (typeof value !== "object" || value === null) return null;
  const { amount, currency } = value as Partial<Money>;
  return Number.isSafeInteger(amount) && typeof currency === "string" ? { amount: amount!, currency } : null;
}
