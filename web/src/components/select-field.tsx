// A labelled select with an optional hint and an error message tied to it for assistive technology.
import type { ReactNode, SelectHTMLAttributes } from "react";
import { useFieldDescription } from "./field-description";
import { FieldError, FieldHint, RequiredMark } from "./field-extras";

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name"> {
  label: ReactNode;
  name: string;
  hint?: ReactNode;
  error?: string | undefined;
  // Shows the "*" beside the label; pair it with `required`.
  markRequired?: boolean;
  children: ReactNode;
}

export function SelectField({ label, hint, error, markRequired = false, children, ...select }: SelectFieldProps) {
  const { id, hintId, errorId, controlProps } = useFieldDescription(hint, error);
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {markRequired && <RequiredMark />}
      </label>
      <select {...select} {...controlProps}>
        {children}
      </select>
      {hint !== undefined && <FieldHint id={hintId}>{hint}</FieldHint>}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
