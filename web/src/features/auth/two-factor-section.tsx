// The Security section: turn authenticator-app (TOTP) two-factor authentication on or off.
import { useState } from "react";
import { api } from "../../app/api";
import { useAppDispatch } from "../../app/store";
import type { TotpSetup } from "../../api/types";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { useFormSubmit } from "../../components/use-form-submit";
import { mfaChanged } from "./auth-slice";
import { checkTotpCode, normalizeTotpCode } from "./auth-rules";
import { TotpCodeField } from "./totp-code-field";

interface TwoFactorSectionProps {
  enabled: boolean;
  onChange: (notice: string) => void;
}

export function TwoFactorSection({ enabled, onChange }: TwoFactorSectionProps) {
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  return (
    <section className="card" aria-labelledby="security-title">
      <h2 id="security-title">Security</h2>
      <h3>
        Two-factor authentication{" "}
        <span className={enabled ? "badge badge-on" : "badge badge-off"}>{enabled ? "On" : "Off"}</span>
      </h3>
      {enabled ? (
        <DisableForm onDisabled={() => onChange("Two-factor authentication is off.")} />
      ) : setup === null ? (
        <StartSetupForm onStarted={setSetup} />
      ) : (
        <ConfirmForm
          setup={setup}
          onCancel={() => setSetup(null)}
          onConfirmed={() => {
            setSetup(null);
            onChange("Two-factor authentication is on.");
          }}
        />
      )}
    </section>
  );
}

function StartSetupForm({ onStarted }: { onStarted: (setup: TotpSetup) => void }) {
  const form = useFormSubmit({ fields: [], action: async () => onStarted(await api.setUpTotp()) });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} className="form">
      <p>Protect your account with a code from an authenticator app each time you sign in.</p>
      <ErrorAlert message={form.alert} />
      <SubmitButton pending={form.pending} pendingLabel="Starting…">
        Set up two-factor authentication
      </SubmitButton>
    </form>
  );
}

function ConfirmForm({ setup, onCancel, onConfirmed }: { setup: TotpSetup; onCancel: () => void; onConfirmed: () => void }) {
  const dispatch = useAppDispatch();
  const form = useFormSubmit({
    fields: ["code"],
    validate: (values) => ({ code: checkTotpCode(values.code) }),
    action: async (values) => {
      dispatch(mfaChanged((await api.confirmTotp(normalizeTotpCode(values.code))).mfaEnabled));
      onConfirmed();
    },
    fieldForCode: { INVALID_TOTP: "code" },
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="form">
      <ol className="steps">
        <li>
          <p>In your authenticator app, add an account with this key:</p>
          <code className="secret">{setup.secret}</code>
          <p>On a phone you can open the setup link instead:</p>
          <a className="secret" href={setup.otpauthUrl}>
            {setup.otpauthUrl}
          </a>
        </li>
        <li>Enter the code the app shows to finish.</li>
      </ol>
      <ErrorAlert message={form.alert} />
      <TotpCodeField error={form.fieldErrors.code} autoFocus />
      <div className="actions">
        <SubmitButton pending={form.pending} pendingLabel="Checking code…">
          Turn on two-factor authentication
        </SubmitButton>
        <button type="button" className="button button-link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DisableForm({ onDisabled }: { onDisabled: () => void }) {
  const dispatch = useAppDispatch();
  const form = useFormSubmit({
    fields: ["code"],
    validate: (values) => ({ code: checkTotpCode(values.code) }),
    action: async (values) => {
      dispatch(mfaChanged((await api.disableTotp(normalizeTotpCode(values.code))).mfaEnabled));
      onDisabled();
    },
    fieldForCode: { INVALID_TOTP: "code" },
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="form">
      <p>You are asked for a code from your authenticator app each time you sign in. To turn this off, enter a current code.</p>
      <ErrorAlert message={form.alert} />
      <TotpCodeField error={form.fieldErrors.code} />
      <SubmitButton pending={form.pending} pendingLabel="Turning off…" variant="danger">
        Turn off two-factor authentication
      </SubmitButton>
    </form>
  );
}
