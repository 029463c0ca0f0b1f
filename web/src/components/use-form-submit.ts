// Runs a form submission: client checks, then the API call, with pending state and errors placed by field.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError } from "../api/api-error";
import { errorMessage } from "./error-message";

type FieldValues<F extends string> = Record<F, string>;
type FieldMessages<F extends string> = Partial<Record<F, string>>;

interface FormSubmitOptions<F extends string> {
  fields: readonly F[];
  validate?: (values: FieldValues<F>) => FieldMessages<F>;
  action: (values: FieldValues<F>) => Promise<void>;
  // Error codes that are about one field, e.g. EMAIL_TAKEN is shown next to the email input.
  fieldForCode?: Partial<Record<string, F>>;
}

export function useFormSubmit<F extends string>({ fields, validate, action, fieldForCode = {} }: FormSubmitOptions<F>) {
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldMessages<F>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [failedAttempts, setFailedAttempts] = useState(0);

  // After a failed attempt, move focus to the first field to fix, or else to the alert.
  useEffect(() => {
    if (failedAttempts === 0) return;
    const form = formRef.current;
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  }, [failedAttempts]);

  function fail(nextFieldErrors: FieldMessages<F>, nextAlert: string | null): void {
    setFieldErrors(nextFieldErrors);
    setAlert(nextAlert);
    setFailedAttempts((count) => count + 1);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const values = Object.fromEntries(fields.map((field) => [field, String(data.get(field) ?? "")])) as FieldValues<F>;
    const problems = validate?.(values) ?? {};
    if (Object.values(problems).some(Boolean)) return fail(problems, null);

    setPending(true);
    setFieldErrors({});
    setAlert(null);
    try {
      await action(values);
    } catch (error) {
      const placed = placeErrors(error, fields, fieldForCode);
      fail(placed.fieldErrors, placed.alert);
    } finally {
      setPending(false);
    }
  }

  return { formRef, pending, fieldErrors, alert, onSubmit: (event: FormEvent<HTMLFormElement>) => void onSubmit(event) };
}

// Field errors go beside their inputs; anything without an input on this form goes to the alert.
function placeErrors<F extends string>(error: unknown, fields: readonly F[], fieldForCode: Partial<Record<string, F>>) {
  const fieldErrors: FieldMessages<F> = {};
  const unplaced: string[] = [];
  const isField = (name: string): name is F => (fields as readonly string[]).includes(name);
  if (error instanceof ApiError) {
    for (const { field, message } of error.fieldErrors) {
      if (isField(field)) fieldErrors[field] ??= message;
      else unplaced.push(message);
    }
    const codeField = fieldForCode[error.code];
    if (codeField !== undefined) fieldErrors[codeField] = errorMessage(error);
  }
  const anyPlaced = Object.keys(fieldErrors).length > 0;
  const alert = unplaced.length > 0 ? unplaced.join(" ") : anyPlaced ? null : errorMessage(error);
  return { fieldErrors, alert };
}
