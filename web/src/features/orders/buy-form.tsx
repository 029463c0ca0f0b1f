// Buy It Now on a fixed-price listing: quantity, delivery (crowdship when the listing allows it) and address, then checkout.
import { useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import type { DeliveryMethod, Listing, Money } from "../../api/types";
import { api } from "../../app/api";
import { useAppSelector } from "../../app/store";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { TextField } from "../../components/text-field";
import { useFormSubmit } from "../../components/use-form-submit";
import { useIdempotentCall } from "../../components/use-idempotent-call";
import { selectSessionStatus, selectUser } from "../auth/auth-slice";
import { countryName, worldwideRegion } from "../catalog/countries";
import { formatMoney } from "../catalog/money";
import { addressFields, parseAddress } from "./address";
import { AddressFields } from "./address-fields";
import { DeliveryMethodField } from "./delivery-method-field";
import { parseQuantity, previewTotal } from "./buy-rules";

const fields = ["quantity", ...addressFields] as const;

export function BuyItNowPanel({ listing }: { listing: Listing }) {
  const status = useAppSelector(selectSessionStatus);
  const user = useAppSelector(selectUser);
  const location = useLocation();
  const [open, setOpen] = useState(false);
  if (listing.format !== "fixed" || listing.status !== "active" || listing.price === undefined) return null;
  if (user !== null && user.id === listing.sellerId) return null;
  if (listing.quantityAvailable === 0) return <p className="muted buy-sold-out">This item is sold out.</p>;
  if (status !== "signedIn" || user === null) {
    return (
      <div className="buy-panel">
        <Link to="/sign-in" state={{ from: `${location.pathname}${location.search}` }} className="button button-primary">
          Sign in to buy
        </Link>
      </div>
    );
  }
  if (!open) {
    return (
      <div className="buy-panel">
        <button type="button" className="button button-primary buy-now-button" onClick={() => setOpen(true)}>
          Buy It Now
        </button>
      </div>
    );
  }
  return <BuyForm listing={listing} price={listing.price} defaultName={user.displayName} onCancel={() => setOpen(false)} />;
}

interface BuyFormProps {
  listing: Listing;
  price: Money;
  defaultName: string;
  onCancel: () => void;
}

function BuyForm({ listing, price, defaultName, onCancel }: BuyFormProps) {
  const navigate = useNavigate();
  const idempotent = useIdempotentCall();
  const [method, setMethod] = useState<DeliveryMethod>("shipping");
  const [quantityText, setQuantityText] = useState("1");
  const shippingCost = method === "shipping" ? (listing.shipping?.cost ?? null) : null;
  const quantity = parseQuantity(quantityText, listing.quantityAvailable);
  const form = useFormSubmit({
    fields,
    validate(values) {
      const parsedQuantity = parseQuantity(values.quantity, listing.quantityAvailable);
      const address = parseAddress(values);
      return { ...(address.ok ? {} : address.errors), quantity: parsedQuantity.ok ? undefined : parsedQuantity.message };
    },
    async action(values) {
      const parsedQuantity = parseQuantity(values.quantity, listing.quantityAvailable);
      const address = parseAddress(values);
      if (!parsedQuantity.ok || !address.ok) return;
      const input = { listingId: listing.id, quantity: parsedQuantity.quantity, delivery: { method, address: address.address } };
      const order = await idempotent(JSON.stringify(input), (key) => api.createOrder(input, key));
      await navigate(`/orders/${order.id}/checkout`);
    },
  });
  const regions = listing.shipping?.regions ?? [];

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="form buy-form card" aria-labelledby="buy-form-title">
      <h2 id="buy-form-title">Buy It Now</h2>
      <ErrorAlert message={form.alert} />
      <TextField
        label="Quantity"
        name="quantity"
        type="number"
        inputMode="numeric"
        min={1}
        max={listing.quantityAvailable}
        value={quantityText}
        onChange={(event) => setQuantityText(event.target.value)}
        hint={`${listing.quantityAvailable} available.`}
        required
        error={form.fieldErrors.quantity}
      />
      <DeliveryMethodField
        value={method}
        onChange={setMethod}
        crowdshipEligible={listing.crowdshipEligible}
        shippingDescription={
          listing.shipping === null
            ? "Arranged with the seller."
            : `${listing.shipping.cost.amount === 0 ? "Free" : formatMoney(listing.shipping.cost)} · ships to ${regions.includes(worldwideRegion) ? "anywhere" : regions.map(countryName).join(", ")}`
        }
      />
      <AddressFields errors={form.fieldErrors} defaultName={defaultName} />
      <p className="buy-total" aria-live="polite">
        {quantity.ok ? (
          <>
            Total <strong>{formatMoney(previewTotal(price, quantity.quantity, shippingCost))}</strong>
            {shippingCost !== null && shippingCost.amount > 0 && <span className="muted"> including {formatMoney(shippingCost)} shipping</span>}
          </>
        ) : (
          <span className="muted">Enter a quantity to see the total.</span>
        )}
      </p>
      <div className="actions">
        <SubmitButton pending={form.pending} pendingLabel="Placing the order…">
          Continue to checkout
        </SubmitButton>
        <button type="button" className="button button-link" onClick={onCancel} disabled={form.pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
