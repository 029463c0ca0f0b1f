// Where withdrawals go: a bank account (holder and IBAN) with the sandbox, a Stripe Connect account with Stripe.
import type { PaymentsConfig, PayoutAccount, PayoutAccountInput } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { TextField } from "../../components/text-field";
import { useFormSubmit } from "../../components/use-form-submit";
import { readPayoutAccount } from "./wallet-rules";

interface PayoutAccountFormProps {
  provider: PaymentsConfig["provider"];
  onSaved: (account: PayoutAccount) => void;
  onCancel?: () => void;
}

const fields = ["holderName", "iban", "accountId"] as const;

export function PayoutAccountForm({ provider, onSaved, onCancel }: PayoutAccountFormProps) {
  const type = provider === "stripe" ? "stripe_connect" : "bank_account";
  const form = useFormSubmit({
    fields,
    validate: (values) => {
      const read = readPayoutAccount(type, values);
      return read.ok ? {} : read.errors;
    },
    async action(values) {
      const read = readPayoutAccount(type, values);
      if (read.ok) onSaved(await api.savePayoutAccount(read.account satisfies PayoutAccountInput));
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="form payout-account-form" aria-label="Payout account">
      <ErrorAlert message={form.alert} />
      {type === "bank_account" ? (
        <>
          <TextField label="Account holder" name="holderName" autoComplete="name" required markRequired error={form.fieldErrors.holderName} />
          <TextField label="IBAN" name="iban" autoComplete="off" spellCheck={false} required markRequired hint="For example DE89 3704 0044 0532 0130 00." error={form.fieldErrors.iban} />
        </>
      ) : (
        <TextField label="Stripe account ID" name="accountId" autoComplete="off" spellCheck={false} required markRequired hint="Starts with acct_." error={form.fieldErrors.accountId} />
      )}
      <div className="actions">
        <SubmitButton pending={form.pending} pendingLabel="Saving…" variant="secondary">
          Save payout account
        </SubmitButton>
        {onCancel !== undefined && (
          <button type="button" className="button button-link" onClick={onCancel} disabled={form.pending}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
