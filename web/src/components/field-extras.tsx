// The pieces every form field shares: the required marker, the hint and the error message under the control.
import type { ReactNode } from "react";

/** A visual "*" for required fields; the control's own `required` attribute is what assistive technology announces. */
export function RequiredMark() {
  return (
    <span className="required-mark" aria-hidden="true">
      {" "}
      *
    </span>
  );
}

export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field-hint">
      {children}
    </p>
  );
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}
