// A labelled text input with an optional hint and an error message tied to it for assistive technology.
import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { RequiredMark } from "./field-extras";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> {
  label: ReactNode;
  name: string;
  hint?: string;
  error?: string | undefined;
  // Shows the "*" beside the label; pair it with `required`.
  markRequired?: boolean;
}

export function TextField({ label, hint, error, markRequired = false, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint === undefined ? null : hintId, error === undefined ? null : errorId].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {markRequired && <RequiredMark />}
      </label>
      <input
        {...input}
        id={id}
        aria-invalid={error === undefined ? undefined : true}
        aria-describedby={describedBy === "" ? undefined : describedBy}
      />
      {hint !== undefined && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
