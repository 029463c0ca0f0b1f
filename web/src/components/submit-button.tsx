// A form's submit button, disabled and relabelled while the request is in flight.
import type { ReactNode } from "react";

interface SubmitButtonProps {
  pending: boolean;
  pendingLabel: string;
  children: ReactNode;
  variant?: "primary" | "secondary" | "danger";
}

export function SubmitButton({ pending, pendingLabel, children, variant = "primary" }: SubmitButtonProps) {
  return (
    <button type="submit" className={`button button-${variant}`} disabled={pending} aria-busy={pending}>
      {pending ? pendingLabel : children}
    </button>
  );
}
