// The delivery address inputs, named as parseAddress reads them, with their errors beside them.
import { SelectField } from "../../components/select-field";
import { TextField } from "../../components/text-field";
import { countryOptions } from "../catalog/countries";
import type { AddressField } from "./address";

interface AddressFieldsProps {
  errors: Partial<Record<AddressField, string>>;
  defaultName?: string;
}

export function AddressFields({ errors, defaultName = "" }: AddressFieldsProps) {
  return (
    <fieldset className="address-fields">
      <legend>Delivery address</legend>
      <TextField label="Full name" name="name" autoComplete="shipping name" defaultValue={defaultName} required markRequired error={errors.name} />
      <TextField label="Address line 1" name="line1" autoComplete="shipping address-line1" required markRequired error={errors.line1} />
      <TextField label="Address line 2 (optional)" name="line2" autoComplete="shipping address-line2" error={errors.line2} />
      <div className="field-row">
        <TextField label="City" name="city" autoComplete="shipping address-level2" required markRequired error={errors.city} />
        <TextField label="Postal code" name="postalCode" autoComplete="shipping postal-code" required markRequired error={errors.postalCode} />
      </div>
      <SelectField label="Country" name="country" autoComplete="shipping country" defaultValue="" required markRequired error={errors.country}>
        <option value="" disabled>
          Choose a country
        </option>
        {countryOptions().map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}
