// A checkbox with its label beside it, an optional hint and an error message tied to it for assistive technology.
import type { InputHTMLAttributes, ReactNode } from "react";
import { useFieldDescription } from "./field-description";
import { FieldError, FieldHint } from "./field-extras";

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "type"> {
  label: ReactNode;
  name: string;
  hint?: ReactNode;
  error?: string | undefined;
}

export function CheckboxField({ label, hint, error, ...input }: CheckboxFieldProps) {
  const { id, hintId, errorId, controlProps } = useFieldDescription(hint, error);
  return (
    <div className="field field-checkbox">
      <input {...input} type="checkbox" {...controlProps} />
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && <FieldHint id={hintId}>{hint}</FieldHint>}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
