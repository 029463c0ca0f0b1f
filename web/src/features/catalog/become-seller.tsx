// The sell page's way in for buyers: one button that adds the seller role, then the listing form appears.
import { ApiError } from "../../api/api-error";
import { api } from "../../app/api";
import { useAppDispatch } from "../../app/store";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { useFormSubmit } from "../../components/use-form-submit";
import { userUpdated } from "../auth/auth-slice";

export function BecomeSeller({ refused, onAdded }: { refused: boolean; onAdded: () => void }) {
  const dispatch = useAppDispatch();
  const form = useFormSubmit({
    fields: [],
    action: async () => {
      try {
        dispatch(userUpdated(await api.addRole("seller")));
      } catch (error) {
        // Granted meanwhile (another tab): take the account as it is now.
        if (!(error instanceof ApiError) || error.code !== "ROLE_ALREADY_GRANTED") throw error;
        dispatch(userUpdated(await api.me()));
      }
      onAdded();
    },
  });
  return (
    <section className="card seller-offer" aria-labelledby="seller-offer-title">
      <h2 id="seller-offer-title">{refused ? "Selling needs the seller role" : "First, become a seller"}</h2>
      <p>Every account can buy. To list items at a fixed price or as auctions, add the seller role to your account: it takes one click, and you can start listing straight away.</p>
      <form ref={form.formRef} onSubmit={form.onSubmit} className="form">
        <ErrorAlert message={form.alert} />
        <SubmitButton pending={form.pending} pendingLabel="Adding the seller role…">
          Become a seller
        </SubmitButton>
      </form>
    </section>
  );
}
