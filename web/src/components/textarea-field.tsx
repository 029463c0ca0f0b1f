// A labelled multi-line text box with an optional hint and an error message tied to it for assistive technology.
import type { ReactNode, TextareaHTMLAttributes } from "react";
import { useFieldDescription } from "./field-description";
import { FieldError, FieldHint, RequiredMark } from "./field-extras";

interface TextareaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name"> {
  label: ReactNode;
  name: string;
  hint?: ReactNode;
  error?: string | undefined;
  // Shows the "*" beside the label; pair it with `required`.
  markRequired?: boolean;
}

export function TextareaField({ label, hint, error, markRequired = false, ...textarea }: TextareaFieldProps) {
  const { id, hintId, errorId, controlProps } = useFieldDescription(hint, error);
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {markRequired && <RequiredMark />}
      </label>
      <textarea {...textarea} {...controlProps} />
      {hint !== undefined && <FieldHint id={hintId}>{hint}</FieldHint>}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
