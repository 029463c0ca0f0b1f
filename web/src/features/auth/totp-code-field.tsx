// The input for a six-digit authenticator code, set up so phones offer a number pad and autofill.
import { TextField } from "../../components/text-field";
import { totpCodeLength } from "./auth-rules";

interface TotpCodeFieldProps {
  error: string | undefined;
  autoFocus?: boolean;
}

export function TotpCodeField({ error, autoFocus = false }: TotpCodeFieldProps) {
  return (
    <TextField
      label="Authentication code"
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern={`[0-9]{${totpCodeLength}}`}
      required
      autoFocus={autoFocus}
      hint={`The ${totpCodeLength}-digit code your authenticator app shows for Mnbara.`}
      error={error}
      className="code-input"
    />
  );
}
