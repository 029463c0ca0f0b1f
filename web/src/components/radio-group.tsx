// A set of radio buttons under one legend, with an optional hint and an error message tied to the group.
import type { ReactNode } from "react";
import { useFieldDescription } from "./field-description";
import { FieldError, FieldHint, RequiredMark } from "./field-extras";

export interface RadioOption<V extends string> {
  value: V;
  label: ReactNode;
  description?: ReactNode;
}

interface RadioGroupProps<V extends string> {
  legend: ReactNode;
  name: string;
  options: readonly RadioOption<V>[];
  value: V | "";
  onChange: (value: V) => void;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  // Shows the "*" beside the legend; only with `required`.
  markRequired?: boolean;
  disabled?: boolean;
  // "cards" lays the options out as large tiles, for choices that shape the rest of the form.
  variant?: "list" | "cards";
}

export function RadioGroup<V extends string>({ legend, name, options, value, onChange, hint, error, required = false, markRequired = required, disabled = false, variant = "list" }: RadioGroupProps<V>) {
  const { id, hintId, errorId, controlProps } = useFieldDescription(hint, error);
  return (
    <fieldset className={`field radio-group radio-group-${variant}`} aria-describedby={controlProps["aria-describedby"]} disabled={disabled}>
      <legend>
        {legend}
        {required && markRequired && <RequiredMark />}
      </legend>
      <div className="radio-options">
        {options.map((option, index) => (
          <label key={option.value} className="radio-option">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              required={required}
              // The group's first radio takes focus when an error sends focus to the group.
              aria-invalid={index === 0 && error !== undefined ? true : undefined}
              id={index === 0 ? id : undefined}
            />
            <span className="radio-text">
              <span className="radio-label">{option.label}</span>
              {option.description !== undefined && <span className="radio-description">{option.description}</span>}
            </span>
          </label>
        ))}
      </div>
      {hint !== undefined && <FieldHint id={hintId}>{hint}</FieldHint>}
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
