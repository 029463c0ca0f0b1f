// A labelled select of the currencies the API supports, for the wallet's forms.
import { SelectField } from "../../components/select-field";
import { currencies } from "../catalog/money";

interface CurrencySelectProps {
  label: string;
  name: string;
  value: string;
  onChange: (currency: string) => void;
  error?: string | undefined;
  // Leaves one currency out, e.g. the one being sold when choosing what to buy.
  except?: string;
}

export function CurrencySelect({ label, name, value, onChange, error, except }: CurrencySelectProps) {
  return (
    <SelectField label={label} name={name} value={value} onChange={(event) => onChange(event.target.value)} error={error}>
      {currencies
        .filter((currency) => currency !== except)
        .map((currency) => (
          <option key={currency} value={currency}>
            {currency}
          </option>
        ))}
    </SelectField>
  );
}
