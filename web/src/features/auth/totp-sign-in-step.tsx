// The second sign-in step for accounts with two-factor authentication: the same credentials plus a code.
import { api } from "../../app/api";
import type { SignInInput } from "../../api/types";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { useFormSubmit } from "../../components/use-form-submit";
import { checkTotpCode, normalizeTotpCode } from "./auth-rules";
import { TotpCodeField } from "./totp-code-field";

export type Credentials = Omit<SignInInput, "totp">;

const fields = ["code"] as const;

export function TotpSignInStep({ credentials, onBack }: { credentials: Credentials; onBack: () => void }) {
  const form = useFormSubmit({
    fields,
    validate: (values) => ({ code: checkTotpCode(values.code) }),
    action: async (values) => {
      await api.signIn({ ...credentials, totp: normalizeTotpCode(values.code) });
    },
    fieldForCode: { INVALID_TOTP: "code" },
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="form">
      <p>
        Two-factor authentication is on for <strong>{credentials.email}</strong>. Open your authenticator app and enter the
        code it shows.
      </p>
      <ErrorAlert message={form.alert} />
      <TotpCodeField error={form.fieldErrors.code} autoFocus />
      <SubmitButton pending={form.pending} pendingLabel="Checking code…">
        Verify and sign in
      </SubmitButton>
      <button type="button" className="button button-link" onClick={onBack}>
        Use a different account
      </button>
    </form>
  );
}
