// The sign-in page: email and password, then a second step for the authenticator code when the account has one.
import { useState } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { ApiError } from "../../api/api-error";
import { api } from "../../app/api";
import { useAppSelector } from "../../app/store";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { TextField } from "../../components/text-field";
import { useFormSubmit } from "../../components/use-form-submit";
import { selectUser } from "./auth-slice";
import { checkEmail, checkPassword } from "./auth-rules";
import { TotpSignInStep, type Credentials } from "./totp-sign-in-step";

const fields = ["email", "password"] as const;

export function SignInPage() {
  const user = useAppSelector(selectUser);
  const location = useLocation();
  // Set when the password was right but the account also needs an authenticator code.
  const [credentials, setCredentials] = useState<Credentials | null>(null);

  if (user !== null) return <Navigate to={returnPath(location.state)} replace />;
  return (
    <section className="card narrow" aria-labelledby="sign-in-title">
      <title>Sign in · Mnbara</title>
      <h1 id="sign-in-title">Sign in</h1>
      {credentials === null ? (
        <CredentialsStep onCodeRequired={setCredentials} />
      ) : (
        <TotpSignInStep credentials={credentials} onBack={() => setCredentials(null)} />
      )}
    </section>
  );
}

function CredentialsStep({ onCodeRequired }: { onCodeRequired: (credentials: Credentials) => void }) {
  const form = useFormSubmit({
    fields,
    validate: (values) => ({ email: checkEmail(values.email), password: checkPassword(values.password) }),
    action: async (values) => {
      const credentials = { email: values.email.trim(), password: values.password };
      try {
        await api.signIn(credentials);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== "MFA_REQUIRED") throw error;
        onCodeRequired(credentials);
      }
    },
  });
  return (
    <>
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="form">
        <ErrorAlert message={form.alert} />
        <TextField label="Email" name="email" type="email" autoComplete="username" required error={form.fieldErrors.email} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={form.fieldErrors.password} />
        <SubmitButton pending={form.pending} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      <p className="form-footer">
        New to Mnbara? <Link to="/register">Create an account</Link>
      </p>
    </>
  );
}

// Where RequireAuth was sending the user before it redirected here.
function returnPath(state: unknown): string {
  const from = typeof state === "object" && state !== null && "from" in state ? state.from : undefined;
  return typeof from === "string" && from.startsWith("/") ? from : "/";
}
