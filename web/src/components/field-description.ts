// Ids for a field's hint and error, and the aria-describedby that ties them to the control.
import { useId } from "react";

export function useFieldDescription(hint: unknown, error: string | undefined) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint === undefined ? null : hintId, error === undefined ? null : errorId].filter(Boolean).join(" ");
  return {
    id,
    hintId,
    errorId,
    controlProps: {
      id,
      "aria-invalid": error === undefined ? undefined : true,
      "aria-describedby": describedBy === "" ? undefined : describedBy,
    },
  };
}
