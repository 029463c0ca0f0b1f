// The registration page: display name, email and password; on success the user is signed in and sent home.
import { Link, Navigate } from "react-router";
import { api } from "../../app/api";
import { useAppSelector } from "../../app/store";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { TextField } from "../../components/text-field";
import { useFormSubmit } from "../../components/use-form-submit";
import { selectUser } from "./auth-slice";
import { checkDisplayName, checkEmail, checkNewPassword, passwordLengthMax, passwordLengthMin } from "./auth-rules";

const fields = ["displayName", "email", "password"] as const;

export function RegisterPage() {
  const user = useAppSelector(selectUser);
  const form = useFormSubmit({
    fields,
    validate: (values) => ({
      displayName: checkDisplayName(values.displayName),
      email: checkEmail(values.email),
      password: checkNewPassword(values.password),
    }),
    action: async (values) => {
      await api.register({ displayName: values.displayName.trim(), email: values.email.trim(), password: values.password });
    },
    fieldForCode: { EMAIL_TAKEN: "email" },
  });

  if (user !== null) return <Navigate to="/" replace />;
  return (
    <section className="card narrow" aria-labelledby="register-title">
      <title>Create your account · Mnbara</title>
      <h1 id="register-title">Create your account</h1>
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="form">
        <ErrorAlert message={form.alert} />
        <TextField
          label="Display name"
          name="displayName"
          autoComplete="nickname"
          required
          hint="Shown to other people on Mnbara."
          error={form.fieldErrors.displayName}
        />
        <TextField label="Email" name="email" type="email" autoComplete="email" required error={form.fieldErrors.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={passwordLengthMin}
          hint={`${passwordLengthMin} to ${passwordLengthMax} characters.`}
          error={form.fieldErrors.password}
        />
        <SubmitButton pending={form.pending} pendingLabel="Creating account…">
          Create account
        </SubmitButton>
      </form>
      <p className="form-footer">
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}
